package io.platformsandbox.app.shell;

import atlantafx.base.theme.Styles;
import io.platformsandbox.app.session.SandboxSession;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;

/** The welcome tab: what is running where, and the first steps as buttons. */
final class WelcomeView extends ScrollPane {
  WelcomeView(ShellViewModel vm, ShellView shell) {
    SandboxSession session = vm.session();
    setId("welcome");
    setFitToWidth(true);
    getStyleClass().add("welcome");

    Label title = new Label("Platform Sandbox");
    title.getStyleClass().add(Styles.TITLE_2);
    Label subtitle = new Label("The platform's APIs, data and rules on your machine, offline. Build and debug your plugin against it.");
    subtitle.getStyleClass().add(Styles.TEXT_MUTED);
    subtitle.setWrapText(true);

    Label state = new Label();
    state.textProperty().bind(vm.statusTextBinding());
    state.getStyleClass().add(Styles.TITLE_4);
    Label urls = new Label();
    urls.textProperty().bind(Bindings.createStringBinding(
        () -> session.apiUrlProperty().get().isEmpty()
            ? (session.status() == io.platformsandbox.app.session.SandboxStatus.STARTING ? "Starting the Platform API and the mock APIs…" : "Start the sandbox with F5, or connect to a running one from the File menu.")
            : "Platform API  " + session.apiUrlProperty().get() + "      Mock APIs  " + (session.mockUrlProperty().get().isEmpty() ? "—" : session.mockUrlProperty().get()),
        session.apiUrlProperty(), session.mockUrlProperty(), session.statusProperty()));
    urls.getStyleClass().add("mono");
    Label counts = new Label();
    counts.textProperty().bind(Bindings.createStringBinding(
        () -> session.tenants().size() + " tenants · " + session.apps().size() + " apps",
        session.tenants(), session.apps()));
    counts.getStyleClass().add(Styles.TEXT_MUTED);
    VBox status = new VBox(6, state, urls, counts);
    status.getStyleClass().add("card");

    Label steps = new Label("Get started");
    steps.getStyleClass().add(Styles.TITLE_4);
    VBox list = new VBox(8,
        step(1, "Create a tenant", "An isolated customer workspace of the platform.", shell.action("new-tenant")),
        step(2, "Register an app", "Client credentials and scopes for your plugin; the explorer shows its id and secret.", shell.action("new-app")),
        step(3, "Create a collection", "A schema with typed fields and PII classification; records open in a grid.", shell.action("new-collection")),
        step(4, "Call the API", "Build a request, authenticate as an app, read the response.", shell.action("console")),
        step(5, "Watch the traffic", "Every request the sandbox serves, live, with bodies and timing.", shell.action("traffic")));

    VBox content = new VBox(18, new VBox(4, title, subtitle), status, steps, list);
    content.setPadding(new Insets(28, 36, 28, 36));
    content.setMaxWidth(860);
    setContent(content);
  }

  private static HBox step(int n, String title, String text, Action action) {
    Label num = new Label(Integer.toString(n));
    num.getStyleClass().add("step-number");
    num.setMinWidth(Region.USE_PREF_SIZE);
    Label t = new Label(title);
    t.getStyleClass().add(Styles.TEXT_BOLD);
    Label d = new Label(text);
    d.getStyleClass().add(Styles.TEXT_MUTED);
    d.setWrapText(true);
    VBox words = new VBox(2, t, d);
    HBox.setHgrow(words, Priority.ALWAYS);
    Button go = new Button(action.text().replace("…", ""), Icons.of(action.icon() == null ? Material2AL.ARROW_FORWARD : action.icon()));
    go.setId("welcome-" + action.id());
    go.setOnAction(e -> action.handler().run());
    if (action.enabled() != null) {
      go.disableProperty().bind(Bindings.not(action.enabled()));
    }
    go.setMinWidth(Region.USE_PREF_SIZE);
    HBox row = new HBox(14, num, words, go);
    row.setAlignment(Pos.CENTER_LEFT);
    row.getStyleClass().add("card");
    return row;
  }
}
