/* Bringing files into the studio: a genome into the network editor and the
 * population, a neat-python configuration into a new window. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mdk-graph-editor.h"
#include "mdk-neat.h"
#include "mdk-test-ui.h"
#include "mdk-window.h"

static GtkMessageDialog *
find_message_dialog (void)
{
  return mdk_test_ui_find_toplevel (GTK_TYPE_MESSAGE_DIALOG, NULL);
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
generation_one (gpointer data)
{
  guint generation;

  g_object_get (mdk_window_get_session (data), "generation", &generation, NULL);
  return generation >= 1;
}

/* A genome file with known weights, fitting the default task (2 inputs,
 * 1 output), or with @inputs inputs. */
static GFile *
write_genome (const char *dir,
              const char *name,
              guint       inputs)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(MdkNeatGenome) genome = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  MdkRng rng;

  mdk_rng_init (&rng, 7);
  genome = mdk_neat_genome_new_minimal (inputs, 1, MDK_ACTIVATION_NEAT_SIGMOID, 2.0, &rng);
  for (guint i = 0; i < genome->n_conns; i++)
    genome->conns[i].weight = 1.25 - 0.5 * i;
  node = mdk_neat_genome_to_json (genome, NULL, NULL);
  json_generator_set_root (gen, node);
  g_assert_true (json_generator_to_file (gen, path, NULL));
  return g_file_new_for_path (path);
}

static gboolean
has_weights_of_file (const MdkNeatGenome *g)
{
  if (g == NULL || g->n_conns != 3)
    return FALSE;
  for (guint i = 0; i < g->n_conns; i++)
    if (g->conns[i].weight != 1.25 - 0.5 * i)
      return FALSE;
  return TRUE;
}

static gboolean
has_chosen_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);
  return file != NULL;
}

/* Import Genome: the file's network appears in the editor, and the
 * population can be seeded from it; a genome that does not fit the task,
 * or a broken file, is refused with a dialog naming the problem. */
static void
test_import_genome (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-ui-genome-XXXXXX", NULL);
  g_autoptr(GFile) good = write_genome (dir, "net.json", 2);
  g_autoptr(GFile) wide = write_genome (dir, "wide.json", 3);
  g_autofree char *broken_path = g_build_filename (dir, "broken.json", NULL);
  g_autoptr(GFile) broken = g_file_new_for_path (broken_path);
  g_autoptr(GError) error = NULL;
  MdkWindow *window;
  MdkSession *session;
  MdkGraphEditor *editor;
  MdkReport *report;
  gboolean found = FALSE;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_ui_new_window (1280, 860);
  session = mdk_window_get_session (window);
  editor = MDK_GRAPH_EDITOR (mdk_window_get_child_by_role (window, "network"));

  g_assert_true (mdk_window_import_genome (window, good, &error));
  g_assert_no_error (error);
  mdk_test_ui_flush ();
  g_assert_true (has_weights_of_file (mdk_graph_editor_get_genome (editor)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (mdk_window_get_child_by_role (window, "follow"))));
  g_assert_nonnull (find_message_dialog ());
  mdk_test_ui_screenshot (GTK_WIDGET (window), "window-imported-genome.png");
  mdk_test_ui_screenshot (GTK_WIDGET (find_message_dialog ()), "import-genome-question.png");
  /* Seed: the run is created, paused, and its first generation holds an
   * exact copy of the network. */
  gtk_dialog_response (GTK_DIALOG (find_message_dialog ()), 4 /* seed */);
  mdk_test_ui_flush ();
  g_assert_null (find_message_dialog ());
  g_assert_cmpint (mdk_session_get_state (session), ==, MDK_SESSION_PAUSED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL));
  g_assert_true (mdk_test_ui_wait (generation_one, window, 20000));
  mdk_test_ui_flush ();
  report = mdk_session_get_report (session);
  g_assert_nonnull (report->genomes);
  for (guint i = 0; i < report->genomes->len; i++)
    {
      const MdkNeatGenome *g = report->genomes->pdata[i];
      /* The others are its mutated copies: the same connections. */
      g_assert_cmpuint (g->n_conns, ==, 3);
      found = found || (g->origin == MDK_NEAT_ORIGIN_EDITED && has_weights_of_file (g));
    }
  g_assert_true (found);

  /* Three inputs for a task with two; the editor keeps what it showed. */
  g_assert_false (mdk_window_import_genome (window, wide, &error));
  g_assert_nonnull (strstr (error->message, "inputs 3"));
  g_clear_error (&error);
  g_assert_true (has_weights_of_file (mdk_graph_editor_get_genome (editor)));
  g_assert_null (find_message_dialog ());

  /* Through the menu's file chooser: a broken file gives a dialog that
   * names the file and the member. */
  g_assert_true (g_file_set_contents (broken_path, "{\"format\": \"medaka-genome\", \"kind\": \"neat\", \"inputs\": 2, "
                                      "\"outputs\": 1, \"nodes\": [], \"connections\": [{\"innovation\": 1}]}",
                                      -1, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-genome", NULL));
  mdk_test_ui_flush ();
  {
    GtkFileChooser *chooser = mdk_test_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
    GtkMessageDialog *dialog;
    g_autofree char *text = NULL;
    g_autofree char *secondary = NULL;

    g_assert_nonnull (chooser);
    g_assert_true (gtk_file_chooser_set_file (chooser, broken, NULL));
    /* The chooser selects the file once it has read the folder. */
    g_assert_true (mdk_test_ui_wait (has_chosen_file, chooser, 5000));
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    mdk_test_ui_wait (has_message_dialog, NULL, 5000);
    mdk_test_ui_flush ();
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    g_object_get (dialog, "text", &text, "secondary-text", &secondary, NULL);
    g_assert_nonnull (strstr (text, "broken.json"));
    g_assert_nonnull (strstr (secondary, "connections[0]"));
    mdk_test_ui_screenshot (GTK_WIDGET (dialog), "import-genome-error.png");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_true (has_weights_of_file (mdk_graph_editor_get_genome (editor)));

  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  g_assert_true (g_file_delete (good, NULL, NULL) && g_file_delete (wide, NULL, NULL) &&
                 g_file_delete (broken, NULL, NULL));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The label listing the settings an import could not map. */
static GtkLabel *
find_named_label (GtkWidget  *widget,
                  const char *name)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return GTK_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_named_label (c, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Import neat-python Config: a new window with the mapped experiment in the
 * designer and a dialog listing what was not mapped; broken files are
 * refused with the line. */
static void
test_import_neat_config (void)
{
  g_autofree char *config_path = g_test_build_filename (G_TEST_DIST, "data", "neat-python", "xor.ini", NULL);
  g_autoptr(GFile) config = g_file_new_for_path (config_path);
  g_autofree char *dir = g_dir_make_tmp ("medaka-ui-neat-XXXXXX", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.ini", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GError) error = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  MdkWindow *window, *imported;
  MdkSession *session;
  GtkMessageDialog *dialog;
  GtkLabel *list;
  guint n_toplevels;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_ui_new_window (1280, 860);
  imported = mdk_window_import_neat_config (window, config, &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_true (imported != window);
  mdk_test_ui_flush ();
  session = mdk_window_get_session (imported);
  g_assert_true (mdk_session_get_experiment (session)->task_class == &mdk_task_xor_class);
  g_assert_cmpint (mdk_session_get_state (session), ==, MDK_SESSION_IDLE);
  {
    g_autofree char *pop = mdk_session_get_param (session, MDK_PARAM_OWNER_ALGORITHM, "population_size");
    g_autofree char *add = mdk_session_get_param (session, MDK_PARAM_OWNER_ALGORITHM, "add_connection_rate");
    g_assert_cmpstr (pop, ==, "150");
    g_assert_cmpstr (add, ==, "0.625");
  }
  /* The window it came from keeps its experiment. */
  g_assert_true (mdk_session_get_experiment (mdk_window_get_session (window))->task_class == &mdk_task_classify_class);

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (imported));
  list = find_named_label (GTK_WIDGET (dialog), "unsupported-settings");
  g_assert_nonnull (list);
  g_assert_nonnull (strstr (gtk_label_get_text (list), "[NEAT] fitness_threshold = 3.9"));
  g_assert_nonnull (strstr (gtk_label_get_text (list), "[DefaultReproduction] min_species_size = 2"));
  g_assert_null (strstr (gtk_label_get_text (list), "pop_size"));
  mdk_test_ui_screenshot (GTK_WIDGET (imported), "window-imported-neat-config.png");
  mdk_test_ui_screenshot (GTK_WIDGET (dialog), "import-neat-config-report.png");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* It runs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (imported), "win.step", NULL));
  g_assert_true (mdk_test_ui_wait (generation_one, imported, 20000));
  gtk_window_destroy (GTK_WINDOW (imported));
  mdk_test_ui_flush ();

  /* Refused, with the line, and no window opens. */
  n_toplevels = g_list_model_get_n_items (toplevels);
  g_assert_true (g_file_set_contents (bad_path, "[NEAT]\npop_size = 150\n[DefaultGenome]\nactivation_default = swish\n"
                                      "[DefaultSpeciesSet]\n[DefaultStagnation]\n[DefaultReproduction]\n", -1, NULL));
  g_assert_null (mdk_window_import_neat_config (window, bad, &error));
  g_assert_true (g_str_has_prefix (error->message, "Line 4: "));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (bad_path, "[NEAT]\npop_size = 150\n[DefaultGenome]\nnum_inputs = 3\n"
                                      "[DefaultSpeciesSet]\n[DefaultStagnation]\n[DefaultReproduction]\n", -1, NULL));
  g_assert_null (mdk_window_import_neat_config (window, bad, &error));
  g_assert_true (g_str_has_prefix (error->message, "Line 4: num_inputs = 3"));
  g_clear_error (&error);
  mdk_test_ui_flush ();
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_toplevels);

  /* Three inputs do not fit XOR, but they fit this window's task once it
   * has a third feature: the import takes that task. */
  g_assert_true (mdk_session_set_param (mdk_window_get_session (window), MDK_PARAM_OWNER_TASK, "feature_sin_x",
                                        "true", &error));
  imported = mdk_window_import_neat_config (window, bad, &error);
  g_assert_no_error (error);
  mdk_test_ui_flush ();
  g_assert_true (mdk_session_get_experiment (mdk_window_get_session (imported))->task_class == &mdk_task_classify_class);
  g_assert_nonnull (find_message_dialog ());
  gtk_window_destroy (GTK_WINDOW (find_message_dialog ()));
  gtk_window_destroy (GTK_WINDOW (imported));
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  g_assert_cmpint (g_unlink (bad_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  mdk_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/import/genome", test_import_genome);
  g_test_add_func ("/ui/import/neat-config", test_import_neat_config);
  return g_test_run ();
}
