package io.platformsandbox.engine.api;

/** What a route accepts as a request body. */
public enum Body {
  /** No body is read; one sent is ignored. */
  NONE,
  /** {@code application/json} (or any {@code +json} type); anything else is refused with 415. */
  JSON,
  /** {@code application/x-www-form-urlencoded}, as OAuth requires. */
  FORM,
  /** Any bytes, up to the file size limit. */
  RAW,
  /** A whole-state archive (snapshot import), up to the archive limit. */
  ARCHIVE
}
