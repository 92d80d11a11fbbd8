package io.platformsandbox.app.explorer;

import io.platformsandbox.app.model.AppInfo;
import io.platformsandbox.app.model.PluginInfo;

/** What the explorer's context menus do; the shell implements it. */
public interface ExplorerActions {
  void newTenant();

  void newApp(String tenant);

  void newCollection(String tenant);

  void deleteTenant(String tenant);

  void deleteApp(AppInfo app);

  void useInConsole(AppInfo app);

  void copy(String text);

  void runPlugin(PluginInfo plugin);

  void stopPlugin(PluginInfo plugin);

  void validatePlugin(PluginInfo plugin);

  void publishPlugin(PluginInfo plugin);
}
