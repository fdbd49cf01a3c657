/* Project files in the studio: saving in a worker thread, recovery copies
 * of running experiments, and the example projects. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mdk-project.h"
#include "mdk-test-ui.h"
#include "mdk-test-window.h"
#include "mdk-window.h"

static gboolean
is_destroyed (gpointer data)
{
  return *(MdkWindow **) data == NULL;
}

/* Saving happens in a worker thread: the window says it is saving and
 * takes events meanwhile, the unsaved mark goes when the file is written,
 * closing waits for the file, and a failure comes back as a dialog. */
static void
test_save_in_background (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-ui-bgsave-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.medaka", NULL);
  g_autofree char *sub = g_build_filename (dir, "gone", NULL);
  g_autofree char *sub_path = g_build_filename (sub, "lost.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) sub_file = g_file_new_for_path (sub_path);
  g_autoptr(GError) error = NULL;
  GtkWidget *saving;
  MdkWindow *window;
  MdkSession *session;
  MdkTestSave r;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  session = mdk_window_get_session (window);
  saving = mdk_window_get_child_by_role (window, "saving");
  /* A larger population makes a file worth waiting for. */
  g_assert_true (mdk_session_set_param (session, MDK_PARAM_OWNER_ALGORITHM, "population_size", "1000", &error));
  g_assert_no_error (error);
  mdk_test_window_activate (window, "win.step");
  g_assert_true (mdk_test_ui_wait (mdk_test_window_has_champion_views, window, 60000));
  g_assert_true (mdk_test_window_save (window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "big.medaka — Medaka");

  /* One more generation: unsaved.  Save returns at once; until the file
   * is written the window says so and keeps the mark. */
  mdk_test_window_activate (window, "win.step");
  g_assert_true (mdk_test_ui_wait (mdk_test_window_has_champion_views, window, 60000));
  while (mdk_test_window_generation (window) < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "*big.medaka — Medaka");
  g_assert_false (gtk_widget_get_visible (saving));
  mdk_test_window_save_start (window, file, &r);
  g_assert_true (mdk_window_is_saving (window));
  g_assert_true (gtk_widget_get_visible (saving));
  g_assert_false (r.done);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "*big.medaka — Medaka");
  /* A second Save meanwhile is refused, not interleaved. */
  {
    MdkTestSave again;

    mdk_test_window_save_start (window, file, &again);
    g_assert_true (mdk_test_ui_wait (mdk_test_save_finished, &again, 10000));
    g_assert_false (again.ok);
    g_assert_error (again.error, G_IO_ERROR, G_IO_ERROR_BUSY);
    g_clear_error (&again.error);
  }
  g_assert_true (mdk_test_ui_wait (mdk_test_save_finished, &r, 60000));
  g_assert_true (r.ok);
  g_assert_false (mdk_window_is_saving (window));
  g_assert_false (gtk_widget_get_visible (saving));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "big.medaka — Medaka");
  g_assert_cmpuint (mdk_test_project_generation (file), ==, 2);

  /* Closing while a save runs waits for it: the window stays until the
   * file is complete. */
  mdk_test_window_activate (window, "win.step");
  while (mdk_test_window_generation (window) < 3)
    g_main_context_iteration (NULL, TRUE);
  mdk_test_ui_flush ();
  mdk_test_window_activate (window, "win.save");
  g_assert_true (mdk_window_is_saving (window));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (saving));
  g_assert_true (mdk_test_ui_wait (is_destroyed, &window, 60000));
  g_assert_null (mdk_test_ui_find_message_dialog ());
  g_assert_cmpuint (mdk_test_project_generation (file), ==, 3);

  /* A save that fails says why in a dialog and keeps the mark. */
  window = mdk_test_window_new ();
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (mdk_test_window_save (window, sub_file, &error));
  mdk_test_window_activate (window, "win.step");
  while (mdk_test_window_generation (window) < 1)
    g_main_context_iteration (NULL, TRUE);
  mdk_test_ui_flush ();
  g_assert_cmpint (g_unlink (sub_path), ==, 0);
  g_assert_cmpint (g_rmdir (sub), ==, 0);
  mdk_test_window_activate (window, "win.save");
  g_assert_true (mdk_test_ui_wait (mdk_test_window_not_saving, window, 60000));
  mdk_test_ui_flush ();
  {
    GtkMessageDialog *dialog = mdk_test_ui_find_message_dialog ();
    g_autofree char *text = NULL;
    g_autofree char *secondary = NULL;

    g_assert_nonnull (dialog);
    g_object_get (dialog, "text", &text, "secondary-text", &secondary, NULL);
    g_assert_cmpstr (text, ==, _("The project could not be saved"));
    g_assert_nonnull (strstr (secondary, "lost.medaka"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "*lost.medaka"));
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A new window holds nothing to lose: it closes without asking. */
static void
test_fresh_window_closes (void)
{
  MdkWindow *window;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  g_assert_null (window);
  g_assert_null (mdk_test_ui_find_message_dialog ());
}

int
main (int    argc,
      char **argv)
{
  mdk_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/project/save-in-background", test_save_in_background);
  g_test_add_func ("/ui/project/fresh-window-closes", test_fresh_window_closes);
  return g_test_run ();
}
