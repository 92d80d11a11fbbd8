package io.platformsandbox.app.ui;

import io.platformsandbox.app.Workbench;
import io.platformsandbox.app.WorkbenchOptions;
import io.platformsandbox.app.editor.CodeEditorView;
import io.platformsandbox.app.marketplace.MarketplaceView;
import io.platformsandbox.app.publish.PublishDialog;
import io.platformsandbox.app.session.SandboxStatus;
import io.platformsandbox.app.testsupport.ValidatedSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Not a test: takes the plugin screenshots of docs/workbench.md on a real display (Xvfb), with a
 * temporary workspace, settings and keys folder. Run from {@code app/} after {@code mvn test-compile}:
 *
 * <pre>
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * xvfb-run -a -s "-screen 0 1440x900x24" java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) \
 *     io.platformsandbox.app.ui.ScreenshotTour /tmp/shots [dark]
 * </pre>
 */
public final class ScreenshotTour {
  private static volatile Workbench workbench;

  public static void main(String[] args) throws Exception {
    Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "/tmp/shots"));
    boolean dark = args.length > 1 && args[1].equals("dark");
    Path root = Files.createTempDirectory("workbench-tour");
    Path workspace = Files.createDirectories(root.resolve("workspace"));
    Path sample = ValidatedSample.copyInto(workspace);
    WorkbenchOptions options = WorkbenchOptions.defaults().withWorkspace(workspace).withPorts(0, 0)
        .withSettingsDir(root.resolve("settings")).withDark(dark).withKeysDir(root.resolve("keys"));
    Platform.startup(() -> {
      Stage stage = new Stage();
      workbench = Workbench.open(stage, options);
      stage.setX(0);
      stage.setY(0);
      stage.setWidth(1440);
      stage.setHeight(900);
    });
    waitFor(() -> workbench != null && workbench.session().status() == SandboxStatus.RUNNING && workbench.explorer().plugins().size() == 1);
    Thread.sleep(1500);

    // 1. the editor with manifest errors underlined, and the Problems dock
    CodeEditorView editor = fx(() -> workbench.shell().openEditor(sample.resolve("plugin.yaml")));
    waitFor(() -> fx(() -> !editor.area().getText().isEmpty()));
    fx(() -> {
      var a = editor.area();
      a.replaceText(2, 0, 2, a.getParagraph(2).length(), "version: \"1.0\"");
      int scopes = 0;
      for (int i = 0; i < a.getParagraphs().size(); i++) {
        if (a.getParagraph(i).getText().startsWith("scopes:")) {
          scopes = i;
        }
      }
      a.replaceText(scopes, 0, scopes, a.getParagraph(scopes).length(), "scopes: [records:read, records:wirte, events:subscribe, pii:read]");
      a.moveTo(scopes, 30);
      workbench.shell().action("problems").handler().run();
      return null;
    });
    Thread.sleep(1200);
    shot(out.resolve("editor.png"));
    String original = Files.readString(sample.resolve("plugin.yaml"));
    fx(() -> {
      editor.area().replaceText(original);
      return null;
    });

    // 2. Package and Publish: first without a key, then published
    PublishDialog dialog = fx(() -> workbench.shell().publishPlugin(workbench.explorer().plugins().get(0)));
    Thread.sleep(1500);
    shot(out.resolve("publish-no-key.png"));
    fx(() -> {
      dialog.viewModel().generateKey();
      return null;
    });
    waitFor(() -> fx(() -> dialog.viewModel().canPublishBinding().get()));
    fx(() -> {
      dialog.viewModel().publish();
      return null;
    });
    waitFor(() -> fx(() -> dialog.viewModel().resultProperty().get() != null));
    Thread.sleep(800);
    shot(out.resolve("publish.png"));
    fx(() -> {
      dialog.dialog().close();
      return null;
    });

    // 3. the marketplace with the version selected
    MarketplaceView market = fx(() -> workbench.shell().openMarketplace());
    waitFor(() -> fx(() -> !market.table().getItems().isEmpty()));
    fx(() -> {
      market.table().getSelectionModel().select(0);
      return null;
    });
    Thread.sleep(800);
    shot(out.resolve("marketplace.png"));

    fx(() -> {
      workbench.close();
      return null;
    });
    ValidatedSample.delete(root);
    Platform.exit();
    System.exit(0);
  }

  private static <T> T fx(Supplier<T> work) {
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        f.complete(work.get());
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long until = System.currentTimeMillis() + 60_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > until) {
        throw new IllegalStateException("timed out");
      }
      Thread.sleep(100);
    }
  }

  private static void shot(Path file) throws Exception {
    Process p = new ProcessBuilder("import", "-window", "root", file.toString()).inheritIO().start();
    p.waitFor();
  }
}
