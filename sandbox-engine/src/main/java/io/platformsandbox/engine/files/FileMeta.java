package io.platformsandbox.engine.files;

import java.time.Instant;

/** What the files API says about a stored file. */
public record FileMeta(
    String tenant, String path, long size, String sha256, String contentType, Instant createdAt, Instant updatedAt) {}
