/* The studio's exports: Export All writes what medaka-cli export writes,
 * byte for byte, and the champion goes out in every format. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mdk-graph-editor.h"
#include "mdk-history.h"
#include "mdk-species-list.h"
#include "mdk-test-files.h"
#include "mdk-test-ui.h"
#include "mdk-window.h"

typedef struct
{
  MdkWindow *window;
  guint      generations;
} Loaded;

static gboolean
project_shown (gpointer data)
{
  Loaded *l = data;
  MdkSession *session = mdk_window_get_session (l->window);
  MdkReport *report = mdk_session_get_report (session);

  return mdk_history_get_length (mdk_session_get_history (session)) == l->generations &&
         report != NULL && report->champion != NULL;
}

static const char *
note_of (MdkWindow *window)
{
  return gtk_label_get_text (GTK_LABEL (mdk_window_get_child_by_role (window, "status-note")));
}

static gboolean
exported (gpointer data)
{
  return g_str_has_prefix (note_of (data), "Exported");
}

/* Answers the file chooser an action opened: @name in @folder, as a user
 * picks it. */
static void
choose_file (const char *folder,
             const char *name,
             gboolean    save)
{
  GtkFileChooserDialog *chooser = NULL;
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  g_autoptr(GError) error = NULL;

  mdk_test_ui_flush ();
  chooser = mdk_test_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
  g_assert_nonnull (chooser);
  if (save)
    {
      g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, &error));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  else
    g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error));
  g_assert_no_error (error);
  mdk_test_ui_flush ();
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  mdk_test_ui_flush ();
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_export_all (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-ui-export-XXXXXX", NULL);
  g_autofree char *project = g_build_filename (dir, "spirals.medaka", NULL);
  g_autofree char *studio = g_build_filename (dir, "studio", NULL);
  g_autofree char *command_line = g_build_filename (dir, "cli", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (project);
  g_autoptr(GError) error = NULL;
  Loaded loaded = { NULL, 12 };
  MdkWindow *window;
  guint n;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  {
    const char *args[] = { "run", "-t", "classify", "-P", "dataset=spirals", "-s", "4", "-g", "12",
                           "-q", "--save", project, NULL };
    mdk_test_ui_cli (args);
  }
  window = mdk_test_ui_new_window (1440, 900);
  loaded.window = window;
  g_assert_true (mdk_window_open_project (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (mdk_test_ui_wait (project_shown, &loaded, 30000));

  /* Export All from the menu's action: a folder chooser, then the files. */
  g_assert_cmpint (g_mkdir (studio, 0755), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-all", NULL));
  choose_file (dir, "studio", FALSE);
  g_assert_true (mdk_test_ui_wait (exported, window, 60000));
  g_assert_nonnull (strstr (note_of (window), "studio"));
  mdk_test_ui_flush ();
  mdk_test_ui_screenshot (GTK_WIDGET (window), "window-exported-all.png");

  /* The same files as medaka-cli export, byte for byte (PDF dates come from
   * SOURCE_DATE_EPOCH, set in main ()). */
  {
    const char *args[] = { "export", project, "-o", command_line, "-q", NULL };
    mdk_test_ui_cli (args);
  }
  n = mdk_test_assert_same_folders (studio, command_line);
  /* history, 6 genome files, 4 of each chart: fitness, complexity, species,
   * speed and accuracy (a classification). */
  g_assert_cmpuint (n, ==, 1 + 6 + 4 * 5);

  /* The champion alone, from its own menu: the same C source. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-champion", "s", "c"));
  choose_file (dir, "menu.c", TRUE);
  /* The dialog checks the name in the background before it answers. */
  {
    g_autofree char *path = g_build_filename (dir, "menu.c", NULL);
    g_assert_true (mdk_test_ui_wait (file_exists, path, 10000));
  }
  {
    g_autoptr(GBytes) menu = mdk_test_read_bytes (dir, "menu.c");
    g_autoptr(GBytes) all = mdk_test_read_bytes (command_line, "champion.c");
    g_assert_true (g_bytes_equal (menu, all));
  }

  /* Into the same folder again: nothing is replaced before the user says so. */
  {
    g_autofree char *csv = g_build_filename (studio, "fitness.csv", NULL);
    g_autoptr(GFile) studio_dir = g_file_new_for_path (studio);
    GtkMessageDialog *question;
    g_autofree char *text = NULL;

    g_assert_true (g_file_set_contents (csv, "mine", -1, NULL));
    mdk_window_export_all (window, studio_dir);
    mdk_test_ui_flush ();
    question = mdk_test_ui_find_toplevel (GTK_TYPE_MESSAGE_DIALOG, NULL);
    g_assert_nonnull (question);
    g_object_get (question, "text", &text, NULL);
    g_assert_nonnull (strstr (text, "studio"));
    gtk_dialog_response (GTK_DIALOG (question), GTK_RESPONSE_CANCEL);
    mdk_test_ui_flush ();
    {
      g_autoptr(GBytes) kept = mdk_test_read_bytes (studio, "fitness.csv");
      g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), "mine", 4);
    }

    gtk_label_set_text (GTK_LABEL (mdk_window_get_child_by_role (window, "status-note")), "");
    mdk_window_export_all (window, studio_dir);
    mdk_test_ui_flush ();
    question = mdk_test_ui_find_toplevel (GTK_TYPE_MESSAGE_DIALOG, NULL);
    g_assert_nonnull (question);
    gtk_dialog_response (GTK_DIALOG (question), GTK_RESPONSE_ACCEPT);
    g_assert_true (mdk_test_ui_wait (exported, window, 60000));
    mdk_test_assert_same_folders (studio, command_line);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

/* A window on the project @path, after one generation more: its species
 * panel lists the genomes of that generation. */
static MdkWindow *
open_and_step (const char *path,
               guint       generations)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Loaded loaded = { mdk_test_ui_new_window (1440, 900), generations + 1 };

  g_assert_true (mdk_window_open_project (loaded.window, file, &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (loaded.window), "win.step", NULL);
  g_assert_true (mdk_test_ui_wait (project_shown, &loaded, 30000));
  mdk_test_ui_flush ();
  return loaded.window;
}

/* Picks row @row of the species panel's genome list, as a click does. */
static void
pick_genome_row (MdkSpeciesList *list,
                 guint           row)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  mdk_test_ui_collect_widgets (GTK_WIDGET (list), GTK_TYPE_COLUMN_VIEW, views);
  g_assert_cmpuint (views->len, ==, 2);
  g_assert_true (gtk_selection_model_select_item (gtk_column_view_get_model (views->pdata[1]), row, TRUE));
  mdk_test_ui_flush ();
}

/* Exports the network in the editor as @format into @dir/@name through
 * the Export menu's action, and waits for the file. */
static void
export_network (MdkWindow  *window,
                const char *format,
                const char *dir,
                const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-network", "s", format));
  choose_file (dir, name, TRUE);
  g_assert_true (mdk_test_ui_wait (file_exists, path, 10000));
}

/* A genome picked in the species panel, not the champion, goes out
 * through Export ▸ Network in the editor: its own genome, in every format
 * of the champion's menu. */
static void
test_export_selected (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-ui-export-XXXXXX", NULL);
  g_autofree char *project = g_build_filename (dir, "xor.medaka", NULL);
  g_autofree char *json_path = g_build_filename (dir, "picked.json", NULL);
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkNeatGenome) written = NULL;
  static const char *formats[] = { "dot", "c", "svg", "pdf", "png" };
  MdkWindow *window;
  MdkSpeciesList *list;
  const MdkNeatGenome *picked;
  MdkReport *report;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  {
    const char *args[] = { "run", "-t", "xor", "-s", "2", "-g", "5", "-q", "--save", project, NULL };
    mdk_test_ui_cli (args);
  }
  window = open_and_step (project, 5);

  report = mdk_session_get_report (mdk_window_get_session (window));
  list = MDK_SPECIES_LIST (mdk_window_get_child_by_role (window, "species"));
  g_assert_cmpuint (mdk_species_list_get_n_listed_genomes (list), >, 2);
  pick_genome_row (list, 2);
  picked = mdk_species_list_get_listed_genome (list, 2);
  g_assert_cmpuint (picked->id, !=, ((const MdkNeatGenome *) report->champion)->id);
  g_assert_cmpuint (mdk_graph_editor_get_genome (MDK_GRAPH_EDITOR (mdk_window_get_child_by_role (window, "network")))->id,
                    ==, picked->id);

  export_network (window, "json", dir, "picked.json");
  written = mdk_neat_genome_load (json_file, &error);
  g_assert_no_error (error);
  {
    /* The loader renumbers; the file names the genome. */
    g_autofree char *text = NULL;
    g_autofree char *id = g_strdup_printf ("\"id\" : %" G_GUINT64_FORMAT ",", picked->id);

    g_assert_true (g_file_get_contents (json_path, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, id));
  }
  g_assert_cmpuint (written->n_conns, ==, picked->n_conns);
  for (guint i = 0; i < picked->n_conns; i++)
    g_assert_cmpfloat (written->conns[i].weight, ==, picked->conns[i].weight);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strconcat ("picked.", formats[i], NULL);
      g_autoptr(GBytes) bytes = NULL;

      export_network (window, formats[i], dir, name);
      bytes = mdk_test_read_bytes (dir, name);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 100);
    }
  {
    g_autofree char *dot = NULL;
    g_autofree char *path = g_build_filename (dir, "picked.dot", NULL);
    g_autofree char *id = g_strdup_printf ("%" G_GUINT64_FORMAT, picked->id);

    g_assert_true (g_file_get_contents (path, &dot, NULL, NULL));
    g_assert_nonnull (strstr (dot, id));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

/* An evolution strategy forms no species: the panel lists its last
 * generation, and a genome picked there goes out as its own document. */
static void
test_export_selected_es (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-ui-export-XXXXXX", NULL);
  g_autofree char *project = g_build_filename (dir, "ga.medaka", NULL);
  g_autofree char *json_path = g_build_filename (dir, "picked.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  MdkWindow *window;
  MdkSpeciesList *list;
  MdkGraphEditor *editor;
  MdkReport *report;
  MdkGenomeInfo info;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  {
    const char *args[] = { "run", "-t", "xor", "-a", "ga", "-s", "2", "-g", "3", "-q", "--save", project, NULL };
    mdk_test_ui_cli (args);
  }
  window = open_and_step (project, 3);

  report = mdk_session_get_report (mdk_window_get_session (window));
  list = MDK_SPECIES_LIST (mdk_window_get_child_by_role (window, "species"));
  g_assert_cmpuint (mdk_species_list_get_n_species (list), ==, 0);
  g_assert_cmpuint (mdk_species_list_get_n_listed_genomes (list), ==, report->genomes->len);
  pick_genome_row (list, 1);
  report->klass->describe (report->klass, mdk_species_list_get_listed_genome (list, 1), &info);
  editor = MDK_GRAPH_EDITOR (mdk_window_get_child_by_role (window, "network"));
  g_assert_cmpuint (mdk_graph_editor_get_genome (editor)->id, ==, info.id);
  g_assert_true (mdk_graph_editor_get_read_only (editor));

  export_network (window, "json", dir, "picked.json");
  g_assert_true (g_file_get_contents (json_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"kind\" : \"mlp\""));
  id = g_strdup_printf ("\"id\" : %" G_GUINT64_FORMAT ",", info.id);
  g_assert_nonnull (strstr (text, id));
  export_network (window, "c", dir, "picked.c");
  export_network (window, "png", dir, "picked.png");

  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

int
main (int    argc,
      char **argv)
{
  /* Before any thread: the PDFs' creation date, the same for both. */
  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  mdk_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/export/all-matches-cli", test_export_all);
  g_test_add_func ("/ui/export/selected-genome", test_export_selected);
  g_test_add_func ("/ui/export/selected-genome-es", test_export_selected_es);
  return g_test_run ();
}
