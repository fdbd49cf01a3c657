#include "config.h"

#include "mdk-test-window.h"

#include "mdk-application.h"
#include "mdk-behaviour-view.h"
#include "mdk-graph-editor.h"
#include "mdk-project.h"
#include "mdk-run-state.h"
#include "mdk-species-list.h"
#include "mdk-test-ui.h"

MdkWindow *
mdk_test_window_new (void)
{
  MdkWindow *window;

  mdk_resources_register ();
  window = mdk_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  gtk_window_present (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  return window;
}

void
mdk_test_window_activate (MdkWindow  *window,
                          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
}

guint
mdk_test_window_generation (MdkWindow *window)
{
  guint generation;

  g_object_get (mdk_window_get_session (window), "generation", &generation, NULL);
  return generation;
}

gboolean
mdk_test_window_has_champion_views (gpointer data)
{
  MdkWindow *window = data;

  return mdk_behaviour_view_get_trace (MDK_BEHAVIOUR_VIEW (mdk_window_get_child_by_role (window, "behaviour"))) != NULL &&
         mdk_graph_editor_get_genome (MDK_GRAPH_EDITOR (mdk_window_get_child_by_role (window, "network"))) != NULL &&
         mdk_species_list_get_n_species (MDK_SPECIES_LIST (mdk_window_get_child_by_role (window, "species"))) > 0;
}

gboolean
mdk_test_window_not_saving (gpointer window)
{
  return !mdk_window_is_saving (window);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  MdkTestSave *save = data;

  save->ok = mdk_window_save_project_finish (MDK_WINDOW (source), result, &save->error);
  save->done = TRUE;
}

void
mdk_test_window_save_start (MdkWindow   *window,
                            GFile       *file,
                            MdkTestSave *save)
{
  *save = (MdkTestSave) { FALSE, FALSE, NULL };
  mdk_window_save_project_async (window, file, on_saved, save);
}

gboolean
mdk_test_save_finished (gpointer save)
{
  return ((MdkTestSave *) save)->done;
}

gboolean
mdk_test_window_save (MdkWindow  *window,
                      GFile      *file,
                      GError    **error)
{
  MdkTestSave r;

  mdk_test_window_save_start (window, file, &r);
  g_assert_true (mdk_test_ui_wait (mdk_test_save_finished, &r, 60000));
  if (r.error != NULL)
    g_propagate_error (error, r.error);
  return r.ok;
}

guint
mdk_test_project_generation (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkProject) project = mdk_project_load (file, &error);
  g_autoptr(MdkRun) run = NULL;

  g_assert_no_error (error);
  run = mdk_run_state_load (mdk_project_get_state (project), &error);
  g_assert_no_error (error);
  return mdk_run_get_generation (run);
}
