package io.platformsandbox.mocks.stubs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Stub sets: WireMock mapping files (WireMock's own JSON, one mapping per file or {@code
 * {"mappings": [...]}}) grouped by name, each answering for the hosts it names.
 *
 * <p>Which host a mapping answers for: its own {@code request.host} when it has one; otherwise the
 * name of the sub-folder it sits in when that looks like a host name ({@code mocks/api.crm.example/
 * contacts.json}); otherwise the {@code defaultHost} given to {@link #load}. A {@code
 * response.bodyFileName} is resolved against the set's own {@code __files/} folder and inlined.
 *
 * <p>Enabled sets survive WireMock's own reset ({@code resetAll()}, {@code POST /__admin/reset}):
 * they are re-installed as WireMock's default mappings.
 *
 * <p>Thread-safe; changes take effect for requests that arrive after the call returns.
 */
public interface StubSets {

  /** The names of the sets shipped in this module: {@code crm} and {@code payments}. */
  List<String> builtInNames();

  /**
   * Loads (or reloads, replacing) a set from a folder and enables it.
   *
   * @param name the set's name
   * @param folder a folder of {@code *.json} mapping files, searched recursively ({@code __files}
   *     excluded)
   * @param defaultHost the host for mappings that name none; may be {@code null}, in which case
   *     such mappings only answer requests sent straight to the mock server
   * @throws IllegalArgumentException when the folder is missing or a file is not a valid mapping
   *     (the message names the file)
   */
  StubSet load(String name, Path folder, String defaultHost);

  List<StubSet> list();

  Optional<StubSet> get(String name);

  /** Installs the set's mappings. @throws java.util.NoSuchElementException when unknown */
  StubSet enable(String name);

  /** Removes the set's mappings from the server but keeps the set. */
  StubSet disable(String name);

  /** Disables and forgets a set. No-op when unknown. */
  void remove(String name);
}
