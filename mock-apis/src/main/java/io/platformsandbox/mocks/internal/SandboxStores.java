package io.platformsandbox.mocks.internal;

import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.store.DefaultStores;
import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * WireMock's default stores, except that clearing WireMock's request journal ({@code resetAll()},
 * {@code DELETE /__admin/requests}) clears the sandbox journal too, so the two never disagree.
 */
final class SandboxStores extends DefaultStores {

  private final EgressJournal journal;
  private RequestJournalStore wrapped;

  SandboxStores(FileSource fileRoot, EgressJournal journal) {
    super(fileRoot);
    this.journal = journal;
  }

  @Override
  public synchronized RequestJournalStore getRequestJournalStore() {
    if (wrapped == null) {
      RequestJournalStore inner = super.getRequestJournalStore();
      wrapped =
          new RequestJournalStore() {
            @Override
            public Stream<ServeEvent> getAll() {
              return inner.getAll();
            }

            @Override
            public void add(ServeEvent event) {
              inner.add(event);
            }

            @Override
            public void removeLast() {
              inner.removeLast();
            }

            @Override
            public Stream<UUID> getAllKeys() {
              return inner.getAllKeys();
            }

            @Override
            public Optional<ServeEvent> get(UUID key) {
              return inner.get(key);
            }

            @Override
            public void put(UUID key, ServeEvent event) {
              inner.put(key, event);
            }

            @Override
            public void remove(UUID key) {
              inner.remove(key);
            }

            @Override
            public void clear() {
              inner.clear();
              journal.clear();
            }
          };
    }
    return wrapped;
  }
}
