/* Project files in the studio: saving in a worker thread, recovery copies
 * of running experiments, and the example projects. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mdk-application.h"
#include "mdk-examples.h"
#include "mdk-graph-editor.h"
#include "mdk-project.h"
#include "mdk-recovery-offer.h"
#include "mdk-recovery.h"
#include "mdk-run-state.h"
#include "mdk-species-list.h"
#include "mdk-test-ui.h"
#include "mdk-test-window.h"
#include "mdk-window.h"

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

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

static gboolean
has_species (gpointer data)
{
  return mdk_species_list_get_n_species (data) > 0;
}

/* A saved project opens with what it holds on show before any generation
 * runs: the species of its last generation, each with its champion in the
 * genome list and the gallery, and the evaluation rate of its history. */
static void
test_open_shows_species (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-ui-open-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "xor.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MdkWindow *window, *opened;
  MdkSpeciesList *saved_list, *list;
  const MdkNeatGenome *champion;
  double rate;
  guint n_species;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  g_assert_true (mdk_session_set_task (mdk_window_get_session (window), "xor", &error));
  for (guint g = 1; g <= 3; g++)
    {
      mdk_test_window_activate (window, "win.step");
      while (mdk_test_window_generation (window) < g)
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (mdk_test_ui_wait (mdk_test_window_has_champion_views, window, 30000));
  g_assert_true (mdk_test_window_save (window, file, &error));
  g_assert_no_error (error);
  saved_list = MDK_SPECIES_LIST (mdk_window_get_child_by_role (window, "species"));
  n_species = mdk_species_list_get_n_species (saved_list);
  g_assert_cmpuint (n_species, >, 0);

  opened = mdk_test_window_new ();
  g_assert_true (mdk_window_open_project (opened, file, &error));
  g_assert_no_error (error);
  list = MDK_SPECIES_LIST (mdk_window_get_child_by_role (opened, "species"));
  g_assert_true (mdk_test_ui_wait (has_species, list, 10000));
  mdk_test_ui_flush ();
  g_assert_cmpuint (mdk_test_window_generation (opened), ==, 3);
  g_assert_cmpint (mdk_session_get_state (mdk_window_get_session (opened)), ==, MDK_SESSION_PAUSED);
  g_assert_cmpuint (mdk_species_list_get_n_species (list), ==, n_species);
  /* The selected species lists its champion (the project keeps no other
   * genome of the last generation). */
  g_assert_cmpuint (mdk_species_list_get_selected_species (list), !=, 0);
  g_assert_cmpuint (mdk_species_list_get_n_listed_genomes (list), ==, 1);
  champion = mdk_species_list_get_listed_genome (list, 0);
  g_assert_cmpuint (champion->species_id, ==, mdk_species_list_get_selected_species (list));
  g_assert_true (champion->fitness_valid);
  g_object_get (mdk_window_get_session (opened), "evaluations-per-second", &rate, NULL);
  g_assert_cmpfloat (rate, >, 0);
  mdk_test_ui_screenshot (GTK_WIDGET (opened), "project-opened.png");

  /* The next generation lists all its genomes again. */
  mdk_test_window_activate (opened, "win.step");
  while (mdk_test_window_generation (opened) < 4)
    g_main_context_iteration (NULL, TRUE);
  mdk_test_ui_flush ();
  g_assert_cmpuint (mdk_species_list_get_n_listed_genomes (list), >, 1);

  gtk_window_destroy (GTK_WINDOW (opened));
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  rm_rf (dir);
}

static char *
notes_text (MdkWindow *window)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (mdk_window_get_child_by_role (window, "notes")));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static guint
count_rows (MdkWindow *window)
{
  GtkListBox *list = GTK_LIST_BOX (mdk_window_get_child_by_role (window, "bookmarks"));
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

/* The notes page shows a project's notes (an example's tell what it
 * shows) and its bookmarked networks; what the user types there and the
 * networks bookmarked from the editor are unsaved work, saved with the
 * project and shown again when it is opened. */
static void
test_notes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-ui-notes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "noted.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkProject) saved = NULL;
  g_autofree char *shown = NULL, *again = NULL;
  const char *typed = "Seed 3 solves it early. 種 14 が最良。";
  guint64 bookmarked;
  MdkWindow *window;
  GtkTextBuffer *buffer;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  g_assert_cmpstr (notes_text (window), ==, "");
  g_assert_true (mdk_window_open_example (window, "xor", &error));
  g_assert_no_error (error);
  mdk_test_ui_flush ();
  shown = notes_text (window);
  g_assert_true (g_str_has_prefix (shown, "The classic first test of NEAT"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "XOR (example) — Medaka");

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (mdk_window_get_child_by_role (window, "notes")));
  gtk_text_buffer_set_text (buffer, typed, -1);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "*XOR (example) — Medaka");
  /* The champion in the editor, bookmarked (Ctrl+D). */
  g_assert_true (mdk_test_ui_wait (mdk_test_window_has_champion_views, window, 30000));
  bookmarked = mdk_graph_editor_get_genome (MDK_GRAPH_EDITOR (mdk_window_get_child_by_role (window, "network")))->id;
  mdk_test_window_activate (window, "win.bookmark-network");
  g_assert_cmpuint (count_rows (window), ==, 1);
  g_assert_true (mdk_test_window_save (window, file, &error));
  g_assert_no_error (error);
  saved = mdk_project_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mdk_project_get_notes (saved), ==, typed);
  g_assert_cmpuint (mdk_project_get_n_bookmarks (saved), ==, 1);
  g_assert_true (g_str_has_prefix (mdk_project_get_bookmark_label (saved, 0), "Genome "));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (mdk_project_get_bookmark_genome (saved, 0)), "id"),
                   ==, bookmarked);
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();

  window = mdk_test_window_new ();
  g_assert_true (mdk_window_open_project (window, file, &error));
  g_assert_no_error (error);
  again = notes_text (window);
  g_assert_cmpstr (again, ==, typed);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "noted.medaka — Medaka");
  /* A click on the bookmark shows its network; the button removes it. */
  g_assert_cmpuint (count_rows (window), ==, 1);
  g_assert_true (mdk_test_ui_wait (mdk_test_window_has_champion_views, window, 30000));
  mdk_test_window_activate (window, "win.step");
  while (mdk_test_window_generation (window) < 13)
    g_main_context_iteration (NULL, TRUE);
  mdk_test_ui_flush ();
  {
    GtkListBox *list = GTK_LIST_BOX (mdk_window_get_child_by_role (window, "bookmarks"));
    g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  }
  g_assert_cmpuint (mdk_graph_editor_get_genome (MDK_GRAPH_EDITOR (mdk_window_get_child_by_role (window, "network")))->id,
                    ==, bookmarked);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (mdk_window_get_child_by_role (window, "follow"))));
  gtk_stack_set_visible_child_name (GTK_STACK (mdk_window_get_child_by_role (window, "population-stack")), "notes");
  mdk_test_ui_flush ();
  mdk_test_ui_screenshot (GTK_WIDGET (window), "window-notes.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-bookmark", "u", 0));
  g_assert_cmpuint (count_rows (window), ==, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "*noted.medaka — Medaka");
  mdk_test_window_save (window, file, &error);
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  rm_rf (dir);
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


static gboolean
recovery_written (gpointer data)
{
  MdkRecovery *recovery = mdk_window_get_recovery (data);

  return recovery != NULL && g_file_test (mdk_recovery_get_path (recovery), G_FILE_TEST_EXISTS) &&
         !mdk_window_is_saving (data);
}

static char *
info_path (MdkRecovery *recovery)
{
  const char *path = mdk_recovery_get_path (recovery);
  g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".medaka"));

  return g_strconcat (stem, ".info", NULL);
}

/* The paused run's last generation is in its recovery copy (the snapshot
 * is taken after the generation the run is on, which may not have been
 * shown yet when the run was paused). */
static gboolean
recovery_caught_up (gpointer data)
{
  MdkRecovery *recovery = mdk_window_get_recovery (data);
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *info = NULL;

  if (recovery == NULL)
    return FALSE;
  info = info_path (recovery);
  return g_key_file_load_from_file (keys, info, G_KEY_FILE_NONE, NULL) &&
         g_key_file_get_uint64 (keys, "Recovery", "Generation", NULL) == mdk_test_window_generation (data) &&
         mdk_session_get_state (mdk_window_get_session (data)) == MDK_SESSION_PAUSED;
}

/* (a) While a run goes on, a recovery copy is written at the interval of
 * the setting: a project the core loads, at the run's generation, naming
 * the project it belongs to.  Saving removes it; so does closing the
 * window normally, Discard included. */
static void
test_recovery_copy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-ui-recovery-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "a.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GError) error = NULL;
  GSettings *settings = mdk_application_get_settings ();
  g_autofree char *copy_path = NULL;
  g_autofree char *info = NULL;
  MdkWindow *window;
  guint copied;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  g_settings_set_uint (settings, "autosave-interval", 1);
  window = mdk_test_window_new ();
  g_assert_true (mdk_test_window_save (window, file, &error));
  g_assert_null (mdk_window_get_recovery (window));

  mdk_test_window_activate (window, "win.run-pause");
  g_assert_true (mdk_test_ui_wait (recovery_written, window, 60000));
  mdk_test_window_activate (window, "win.run-pause");
  g_assert_true (mdk_test_ui_wait (recovery_caught_up, window, 60000));
  copy_path = g_strdup (mdk_recovery_get_path (mdk_window_get_recovery (window)));
  info = info_path (mdk_window_get_recovery (window));
  {
    g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
    g_autoptr(GKeyFile) keys = g_key_file_new ();
    g_autofree char *project = NULL;

    copied = mdk_test_project_generation (copy);
    g_assert_cmpuint (copied, >=, 1);
    g_assert_cmpuint (copied, ==, mdk_test_window_generation (window));
    g_assert_true (g_key_file_load_from_file (keys, info, G_KEY_FILE_NONE, &error));
    project = g_key_file_get_string (keys, "Recovery", "Project", &error);
    g_assert_cmpstr (project, ==, uri);
    g_assert_cmpuint (g_key_file_get_uint64 (keys, "Recovery", "Generation", &error), ==, copied);
    g_assert_no_error (error);
  }
  /* In the state folder, where the next start looks. */
  {
    g_autofree char *folder = mdk_recovery_get_dir ();
    g_assert_true (g_str_has_prefix (copy_path, folder));
    g_assert_true (g_str_has_prefix (folder, g_get_user_state_dir ()));
  }

  /* Saved: the copy goes. */
  g_assert_true (mdk_test_window_save (window, file, &error));
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (info, G_FILE_TEST_EXISTS));

  /* Another generation, another copy; closing with Discard removes it. */
  mdk_test_window_activate (window, "win.step");
  g_assert_true (mdk_test_ui_wait (recovery_written, window, 60000));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  g_assert_nonnull (mdk_test_ui_find_message_dialog ());
  gtk_dialog_response (GTK_DIALOG (mdk_test_ui_find_message_dialog ()), 1 /* discard */);
  g_assert_true (mdk_test_ui_wait (is_destroyed, &window, 60000));
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (info, G_FILE_TEST_EXISTS));

  /* (c) A window closed without unsaved work leaves nothing either. */
  window = mdk_test_window_new ();
  g_assert_true (mdk_test_window_save (window, file, &error));
  mdk_test_window_activate (window, "win.step");
  g_assert_true (mdk_test_ui_wait (recovery_written, window, 60000));
  g_free (copy_path);
  copy_path = g_strdup (mdk_recovery_get_path (mdk_window_get_recovery (window)));
  g_assert_true (mdk_test_window_save (window, file, &error));
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  mdk_test_window_activate (window, "win.step");
  g_assert_true (mdk_test_ui_wait (recovery_written, window, 60000));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  /* A copy being written meanwhile is dropped, never left behind. */
  g_assert_true (mdk_test_ui_wait (is_destroyed, &window, 60000));
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GPtrArray) left = mdk_recovery_find_left ();
    g_assert_cmpuint (left->len, ==, 0);
  }

  g_settings_reset (settings, "autosave-interval");
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* What a crash leaves: a recovery copy of a run at @generations, for
 * @original (or an untitled experiment called @title), whose owner is
 * gone. */
static char *
leave_recovery_copy (GFile      *original,
                     const char *title,
                     guint       generations)
{
  g_autoptr(MdkExperiment) experiment = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);
  g_autoptr(MdkRun) run = NULL;
  g_autoptr(MdkProject) project = mdk_project_new ();
  g_autoptr(MdkRecovery) recovery = mdk_recovery_new ();
  g_autoptr(GError) error = NULL;

  experiment->seed = 5;
  run = mdk_run_new (experiment, &error);
  g_assert_no_error (error);
  for (guint g = 0; g < generations; g++)
    mdk_run_step (run);
  mdk_project_take_state (project, mdk_run_state_save (run));
  mdk_project_set_notes (project, "recovered notes");
  g_assert_true (mdk_recovery_write (recovery, mdk_recovery_get_epoch (recovery), project, original, title, &error));
  g_assert_no_error (error);
  return g_strdup (mdk_recovery_get_path (recovery));
}

static gboolean
has_message_dialog (gpointer data)
{
  return mdk_test_ui_find_message_dialog () != NULL;
}

static gboolean
has_size (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0;
}

static char *
dialog_text (GtkMessageDialog *dialog,
             const char       *property)
{
  char *text = NULL;

  g_object_get (dialog, property, &text, NULL);
  return text;
}

static gboolean
history_reached (gpointer data)
{
  MdkWindow *window = data;

  return mdk_history_get_length (mdk_session_get_history (mdk_window_get_session (window))) >= 3 &&
         mdk_test_window_generation (window) == 3;
}

/* (b) At the start, a copy left by a crash is offered: Restore opens the
 * run at its generation, unsaved, under its project's name, and Save asks
 * before replacing that file; Discard deletes the copy; a damaged copy is
 * set aside with a message. */
static void
test_recovery_restore (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-ui-restore-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "orig.medaka", NULL);
  g_autoptr(GFile) original = g_file_new_for_path (path);
  g_autoptr(MdkApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *secondary = NULL;
  GtkMessageDialog *dialog;
  MdkWindow *window;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  g_assert_true (g_file_set_contents (path, "the project as it was last saved", -1, NULL));
  copy = leave_recovery_copy (original, NULL, 3);

  /* Start the studio as the desktop does. */
  app = mdk_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (mdk_test_ui_wait (has_message_dialog, NULL, 30000));
  window = mdk_test_ui_find_toplevel (MDK_TYPE_WINDOW, NULL);
  g_assert_nonnull (window);
  dialog = mdk_test_ui_find_message_dialog ();
  text = dialog_text (dialog, "text");
  secondary = dialog_text (dialog, "secondary-text");
  g_assert_cmpstr (text, ==, _("Restore unsaved work?"));
  g_assert_nonnull (strstr (secondary, "“orig.medaka”"));
  g_assert_nonnull (strstr (secondary, "generation 3"));
  g_assert_nonnull (strstr (secondary, "XOR"));
  g_assert_true (mdk_test_ui_wait (has_size, dialog, 10000));
  mdk_test_ui_screenshot (GTK_WIDGET (dialog), "recovery-offer.png");
  gtk_dialog_response (GTK_DIALOG (dialog), 2 /* restore */);
  mdk_test_ui_flush ();

  /* In the window that held nothing: paused at generation 3, unsaved,
   * named after its project; the copy stays until the work is saved. */
  g_assert_true (mdk_test_ui_find_toplevel (MDK_TYPE_WINDOW, NULL) == window);
  g_assert_true (mdk_test_ui_wait (history_reached, window, 30000));
  g_assert_cmpint (mdk_session_get_state (mdk_window_get_session (window)), ==, MDK_SESSION_PAUSED);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "*orig.medaka — Medaka");
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));
  mdk_test_ui_screenshot (GTK_WIDGET (window), "recovery-restored.png");

  /* Save asks first; Cancel leaves the file alone, Replace writes it. */
  mdk_test_window_activate (window, "win.save");
  mdk_test_ui_flush ();
  dialog = mdk_test_ui_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_free (text);
  text = dialog_text (dialog, "text");
  g_assert_cmpstr (text, ==, "Replace “orig.medaka” with the recovered run?");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  mdk_test_ui_flush ();
  g_assert_false (mdk_window_is_saving (window));
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "the project as it was last saved");
  }
  mdk_test_window_activate (window, "win.save");
  mdk_test_ui_flush ();
  gtk_dialog_response (GTK_DIALOG (mdk_test_ui_find_message_dialog ()), 4 /* replace */);
  g_assert_true (mdk_test_ui_wait (mdk_test_window_not_saving, window, 60000));
  g_assert_cmpuint (mdk_test_project_generation (original), ==, 3);
  {
    g_autoptr(MdkProject) saved = mdk_project_load (original, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (mdk_project_get_notes (saved), ==, "recovered notes");
  }
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "orig.medaka — Medaka");
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* Discard deletes the copy and leaves the window as it was. */
  g_free (copy);
  copy = leave_recovery_copy (NULL, NULL, 2);
  mdk_recovery_offer (window);
  g_assert_true (mdk_test_ui_wait (has_message_dialog, NULL, 30000));
  dialog = mdk_test_ui_find_message_dialog ();
  g_free (secondary);
  secondary = dialog_text (dialog, "secondary-text");
  g_assert_nonnull (strstr (secondary, "untitled"));
  gtk_dialog_response (GTK_DIALOG (dialog), 1 /* discard */);
  mdk_test_ui_flush ();
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (mdk_test_window_generation (window), ==, 3);
  g_assert_null (mdk_test_ui_find_message_dialog ());

  /* An untitled copy restores into a new window (this one holds a run),
   * under the title it had. */
  g_free (copy);
  copy = leave_recovery_copy (NULL, "XOR (example)", 2);
  mdk_recovery_offer (window);
  g_assert_true (mdk_test_ui_wait (has_message_dialog, NULL, 30000));
  g_free (secondary);
  secondary = dialog_text (mdk_test_ui_find_message_dialog (), "secondary-text");
  g_assert_nonnull (strstr (secondary, "“XOR (example)”"));
  gtk_dialog_response (GTK_DIALOG (mdk_test_ui_find_message_dialog ()), 2 /* restore */);
  mdk_test_ui_flush ();
  {
    MdkWindow *other = mdk_test_ui_find_toplevel (MDK_TYPE_WINDOW, window);

    g_assert_nonnull (other);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (other)), ==, "*XOR (example) — Medaka");
    /* Closing it normally (Discard) deletes the copy. */
    g_object_add_weak_pointer (G_OBJECT (other), (gpointer *) &other);
    gtk_window_close (GTK_WINDOW (other));
    mdk_test_ui_flush ();
    gtk_dialog_response (GTK_DIALOG (mdk_test_ui_find_message_dialog ()), 1 /* discard */);
    g_assert_true (mdk_test_ui_wait (is_destroyed, &other, 30000));
    g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  }

  /* A damaged copy: a clear message, the file kept aside, nothing else. */
  {
    g_autofree char *folder = mdk_recovery_get_dir ();
    g_autofree char *bad = g_build_filename (folder, "damaged.medaka", NULL);
    g_autofree char *broken = g_strconcat (bad, ".broken", NULL);

    g_assert_true (g_file_set_contents (bad, "\x1f\x8b not really gzip", -1, NULL));
    mdk_recovery_offer (window);
    g_assert_true (mdk_test_ui_wait (has_message_dialog, NULL, 30000));
    dialog = mdk_test_ui_find_message_dialog ();
    g_free (text);
    g_free (secondary);
    text = dialog_text (dialog, "text");
    secondary = dialog_text (dialog, "secondary-text");
    g_assert_cmpstr (text, ==, _("A recovery copy of an earlier run could not be read"));
    g_assert_nonnull (strstr (secondary, broken));
    g_assert_true (mdk_test_ui_wait (has_size, dialog, 10000));
    mdk_test_ui_screenshot (GTK_WIDGET (dialog), "recovery-broken.png");
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
    mdk_test_ui_flush ();
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (broken, G_FILE_TEST_EXISTS));
    g_assert_cmpint (g_unlink (broken), ==, 0);
  }

  /* A copy whose owner is alive is never offered. */
  {
    g_autoptr(MdkRecovery) live = mdk_recovery_new ();
    g_autoptr(MdkProject) project = mdk_project_new ();
    g_autoptr(GPtrArray) left = NULL;

    g_assert_true (mdk_recovery_write (live, 0, project, NULL, NULL, &error));
    left = mdk_recovery_find_left ();
    g_assert_cmpuint (left->len, ==, 0);
    mdk_recovery_remove (live);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}


typedef struct
{
  MdkWindow *window;
  guint      generation;
} Reached;

static gboolean
generation_reached (gpointer data)
{
  Reached *r = data;

  return mdk_test_window_generation (r->window) == r->generation &&
         mdk_history_get_length (mdk_session_get_history (mdk_window_get_session (r->window))) == r->generation;
}

/* Activates @action, which asks where to save, and cancels the file
 * chooser once it has checked the name it suggests. */
static void
expect_save_name (MdkWindow  *window,
                  const char *action,
                  const char *name)
{
  GtkWidget *chooser;
  g_autofree char *suggested = NULL;

  mdk_test_window_activate (window, action);
  mdk_test_ui_flush ();
  chooser = mdk_test_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
  g_assert_nonnull (chooser);
  suggested = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (suggested, ==, name);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  mdk_test_ui_flush ();
}

/* Each example opens through the Examples menu's action as an untitled
 * copy, showing its task at the generation it was saved at, and goes on
 * (the CSV example finds its data); Save asks where. */
static void
test_examples (void)
{
  static const struct
  {
    const char *id;
    const char *task;
    guint       generation;
    const char *title;
    gboolean    interactive;
  } expected[] = {
    /* As tools/make-examples.sh makes them. */
    { "xor", "xor", 12, "XOR (example) — Medaka", FALSE },
    { "spirals", "classify", 100, "Two spirals (example) — Medaka", FALSE },
    { "spirals-backprop", "classify", 20, "Backprop-NEAT on two spirals (example) — Medaka", FALSE },
    { "moons", "csv", 30, "Two moons from a CSV file (example) — Medaka", FALSE },
    { "cppn", "cppn", 15, "CPPN gallery (example) — Medaka", TRUE },
    { "double-pole-nv", "double-pole-nv", 10, "Double pole without velocities (example) — Medaka", FALSE },
    { "maze-hard", "maze", 30, "Hard maze (example) — Medaka", FALSE },
  };
  MdkWindow *window, *other;
  guint n;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  mdk_examples_get (&n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      Reached reached;
      g_autofree char *status = g_strdup_printf ("Generation %u", expected[i].generation);
      MdkSession *session;

      window = mdk_test_window_new ();
      session = mdk_window_get_session (window);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", "s", expected[i].id));
      reached = (Reached) { window, expected[i].generation };
      g_assert_true (mdk_test_ui_wait (generation_reached, &reached, 30000));
      mdk_test_ui_flush ();
      g_assert_cmpstr (mdk_session_get_experiment (session)->task_class->id, ==, expected[i].task);
      g_assert_cmpint (mdk_session_get_state (session), ==, MDK_SESSION_PAUSED);
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, expected[i].title);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mdk_window_get_child_by_role (window, "status-generation"))),
                       ==, status);
      g_assert_cmpint (mdk_session_get_interactive (session), ==, expected[i].interactive);
      {
        g_autofree char *name = g_strdup_printf ("example-%s.png", expected[i].id);
        mdk_test_ui_screenshot (GTK_WIDGET (window), name);
      }
      if (!expected[i].interactive)
        {
          /* It goes on from there. */
          mdk_test_window_activate (window, "win.step");
          reached.generation++;
          g_assert_true (mdk_test_ui_wait (generation_reached, &reached, 30000));
        }
      gtk_window_destroy (GTK_WINDOW (window));
      mdk_test_ui_flush ();
    }

  /* A window holding a run keeps it: the example opens in a new one, and
   * its Save asks where to write. */
  window = mdk_test_window_new ();
  mdk_test_window_activate (window, "win.step");
  g_assert_true (mdk_test_ui_wait (mdk_test_window_has_champion_views, window, 30000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", "s", "xor"));
  mdk_test_ui_flush ();
  other = mdk_test_ui_find_toplevel (MDK_TYPE_WINDOW, window);
  g_assert_nonnull (other);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (other)), ==, "XOR (example) — Medaka");
  g_assert_cmpstr (mdk_session_get_experiment (mdk_window_get_session (window))->task_class->id, ==, "classify");
  /* Save suggests the example's name, and for an untitled experiment
   * its task's. */
  expect_save_name (other, "win.save", "xor.medaka");
  expect_save_name (other, "win.save-as", "xor.medaka");
  g_assert_false (mdk_window_is_saving (other));
  expect_save_name (window, "win.save", "classify.medaka");
  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *state = g_dir_make_tmp ("medaka-ui-state-XXXXXX", NULL);
  int status;

  /* Recovery copies, and the examples' data, go to a folder of this
   * test's own. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("XDG_DATA_HOME", state, TRUE);
  mdk_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/project/save-in-background", test_save_in_background);
  g_test_add_func ("/ui/project/fresh-window-closes", test_fresh_window_closes);
  g_test_add_func ("/ui/project/open-shows-species", test_open_shows_species);
  g_test_add_func ("/ui/project/notes", test_notes);
  g_test_add_func ("/ui/project/recovery-copy", test_recovery_copy);
  g_test_add_func ("/ui/project/recovery-restore", test_recovery_restore);
  g_test_add_func ("/ui/project/examples", test_examples);
  status = g_test_run ();
  rm_rf (state);
  return status;
}
