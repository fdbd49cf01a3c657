/* Novelty search and MAP-Elites in the studio: the search objective in the
 * designer, the archive and the map of elites on the "Behaviours" page,
 * their statistics on the "Algorithm" page, and Export All writing the
 * behaviour space as medaka-cli export does. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mdk-behaviour-space-view.h"
#include "mdk-behaviour-view.h"
#include "mdk-history.h"
#include "mdk-param-form.h"
#include "mdk-plot-view.h"
#include "mdk-test-files.h"
#include "mdk-test-ui.h"
#include "mdk-test-window.h"
#include "mdk-window.h"

static GtkWidget *
find_form (GtkWidget     *root,
           MdkParamOwner  owner)
{
  if (MDK_IS_PARAM_FORM (root) && mdk_param_form_get_owner (MDK_PARAM_FORM (root)) == owner)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_form (child, owner);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_viewport (GtkWidget *root)
{
  if (GTK_IS_VIEWPORT (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_viewport (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static MdkBehaviourSpace *
space_of (MdkWindow *window)
{
  return mdk_behaviour_space_view_get_space (MDK_BEHAVIOUR_SPACE_VIEW (mdk_window_get_child_by_role (window,
                                                                                                   "behaviour-space")));
}

static gboolean
page_visible (MdkWindow *window)
{
  GtkStack *stack = GTK_STACK (mdk_window_get_child_by_role (window, "plot-stack"));

  return gtk_widget_get_visible (gtk_stack_get_child_by_name (stack, "behaviours"));
}

static gboolean
has_archive (gpointer data)
{
  return mdk_test_window_generation (data) >= 6 && mdk_behaviour_space_get_n_archive (space_of (data)) > 0;
}

static void
show_page (MdkWindow  *window,
           const char *name)
{
  gtk_stack_set_visible_child_name (GTK_STACK (mdk_window_get_child_by_role (window, "plot-stack")), name);
  mdk_test_ui_flush ();
}

/* Novelty search chosen in the designer, on the single pole with NEAT: the
 * archive grows on the Behaviours page, its size and threshold are plotted,
 * and the objective is locked during the run. */
static void
test_novelty_run (void)
{
  MdkWindow *window;
  MdkSession *session;
  GtkWidget *form;
  g_autoptr(GError) error = NULL;
  GArray *rows;
  const MdkGenerationStats *last;
  MdkPlotView *algorithm;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  session = mdk_window_get_session (window);

  /* The default experiment's task describes no behaviour: no page. */
  g_assert_false (page_visible (window));
  form = find_form (mdk_window_get_child_by_role (window, "designer"), MDK_PARAM_OWNER_OBJECTIVE);
  g_assert_nonnull (form);
  g_assert_cmpuint (mdk_param_form_get_n_rows (MDK_PARAM_FORM (form)), ==, MDK_NOVELTY_N_PARAMS);

  g_assert_true (mdk_session_set_task (session, "pole", &error));
  g_assert_true (mdk_session_set_param (session, MDK_PARAM_OWNER_TASK, "steps", "500", &error));
  g_assert_true (mdk_session_set_param (session, MDK_PARAM_OWNER_OBJECTIVE, "objective", "novelty", &error));
  g_assert_no_error (error);
  mdk_test_ui_flush ();
  g_assert_true (page_visible (window));
  g_assert_cmpint (mdk_session_get_experiment (session)->objective.objective, ==, MDK_OBJECTIVE_NOVELTY);

  mdk_test_window_activate (window, "win.run-pause");
  g_assert_true (mdk_test_ui_wait (has_archive, window, 60000));
  /* Fixed for the run. */
  g_assert_false (mdk_session_set_param (session, MDK_PARAM_OWNER_OBJECTIVE, "novelty_k", "5", &error));
  g_assert_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID);
  g_clear_error (&error);
  mdk_test_window_activate (window, "win.run-pause");
  mdk_test_ui_flush ();

  /* The view shows the archive of the last generation shown, whose size is
   * the history's column. */
  rows = mdk_history_get_rows (mdk_session_get_history (session));
  last = &g_array_index (rows, MdkGenerationStats, rows->len - 1);
  g_assert_cmpfloat (mdk_behaviour_space_get_n_archive (space_of (window)), ==, last->extra[0]);
  g_assert_null (mdk_behaviour_space_get_map (space_of (window)));
  algorithm = MDK_PLOT_VIEW (mdk_window_get_plot (window, MDK_PLOT_ALGORITHM));
  g_assert_cmpuint (mdk_plot_view_get_n_series (algorithm), ==, MDK_NOVELTY_N_STATS);

  show_page (window, "behaviours");
  mdk_test_ui_screenshot (GTK_WIDGET (window), "window-novelty.png");
  show_page (window, "algorithm");
  mdk_test_ui_screenshot (mdk_window_get_plot (window, MDK_PLOT_ALGORITHM), "plot-novelty.png");
  /* The whole designer, also what is scrolled out of view. */
  {
    GtkWidget *viewport = find_viewport (mdk_window_get_child_by_role (window, "designer"));

    g_assert_nonnull (viewport);
    mdk_test_ui_screenshot (gtk_widget_get_first_child (viewport), "designer-novelty.png");
  }

  /* Back to an idle experiment for a task without behaviours: no page. */
  mdk_test_window_activate (window, "win.reset");
  g_assert_true (mdk_session_set_task (session, "xor", &error));
  mdk_test_ui_flush ();
  g_assert_false (page_visible (window));
  g_assert_cmpuint (mdk_behaviour_space_get_n_archive (space_of (window)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

/* Novelty search on the hard maze: the maze view marks the archive and
 * where the last generation's robots ended; the Behaviours page shows the
 * same. */
static void
test_maze (void)
{
  MdkWindow *window;
  MdkSession *session;
  MdkBehaviourView *view;
  g_autoptr(GError) error = NULL;
  GArray *archive, *ends;
  guint dims, n_behaviour;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_ui_new_window (1440, 900);
  session = mdk_window_get_session (window);
  g_assert_true (mdk_session_set_task (session, "maze", &error));
  g_assert_true (mdk_session_set_param (session, MDK_PARAM_OWNER_TASK, "map", "hard", &error));
  g_assert_true (mdk_session_set_param (session, MDK_PARAM_OWNER_OBJECTIVE, "objective", "novelty", &error));
  g_assert_true (mdk_session_set_param (session, MDK_PARAM_OWNER_STOP, "stop_on_solved", "false", &error));
  g_assert_no_error (error);
  mdk_test_window_activate (window, "win.run-pause");
  g_assert_true (mdk_test_ui_wait (has_archive, window, 60000));
  mdk_test_window_activate (window, "win.run-pause");
  mdk_test_ui_flush ();

  view = MDK_BEHAVIOUR_VIEW (mdk_window_get_child_by_role (window, "behaviour"));
  archive = mdk_behaviour_view_get_archive (view, &dims);
  ends = mdk_behaviour_view_get_behaviours (view, &n_behaviour);
  g_assert_nonnull (archive);
  g_assert_cmpuint (dims, ==, 2);
  g_assert_cmpuint (archive->len / dims, ==, mdk_behaviour_space_get_n_archive (space_of (window)));
  g_assert_nonnull (ends);
  g_assert_cmpuint (ends->len / n_behaviour, ==, mdk_behaviour_space_get_n_population (space_of (window)));
  /* The whole population (the maze suggests NEAT's population size). */
  {
    g_autofree char *size = mdk_session_get_param (session, MDK_PARAM_OWNER_ALGORITHM, "population_size");
    g_assert_cmpuint (ends->len / n_behaviour, ==, g_ascii_strtoull (size, NULL, 10));
  }
  mdk_test_ui_screenshot (GTK_WIDGET (view), "behaviour-maze-novelty.png");
  show_page (window, "behaviours");
  mdk_test_ui_screenshot (mdk_window_get_child_by_role (window, "behaviour-space"), "behaviour-space-maze.png");

  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

static gboolean
map_shown (gpointer data)
{
  MdkWindow *window = data;

  return mdk_history_get_length (mdk_session_get_history (mdk_window_get_session (window))) == 15 &&
         mdk_behaviour_space_get_map (space_of (window)) != NULL;
}

static gboolean
exported (gpointer data)
{
  return g_str_has_prefix (gtk_label_get_text (GTK_LABEL (mdk_window_get_child_by_role (data, "status-note"))),
                           "Exported");
}

/* A saved MAP-Elites run opens with its map; Export All writes the same
 * files as medaka-cli export, the behaviour space among them. */
static void
test_map_elites_project (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-ui-novelty-XXXXXX", NULL);
  g_autofree char *project = g_build_filename (dir, "map.medaka", NULL);
  g_autofree char *studio = g_build_filename (dir, "studio", NULL);
  g_autofree char *command_line = g_build_filename (dir, "cli", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (project);
  g_autoptr(GFile) studio_dir = g_file_new_for_path (studio);
  g_autoptr(GError) error = NULL;
  const MdkEliteMap *map;
  GArray *rows;
  MdkWindow *window;
  guint n;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  {
    const char *args[] = { "run", "-t", "pole", "-P", "steps=1000", "-a", "map-elites", "-s", "2",
                           "-g", "15", "--no-stop-on-solved", "-q", "--save", project, NULL };
    mdk_test_ui_cli (args);
  }
  window = mdk_test_ui_new_window (1440, 900);
  g_assert_true (mdk_window_open_project (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (mdk_test_ui_wait (map_shown, window, 30000));
  g_assert_true (page_visible (window));
  map = mdk_behaviour_space_get_map (space_of (window));
  rows = mdk_history_get_rows (mdk_session_get_history (mdk_window_get_session (window)));
  g_assert_cmpfloat (map->coverage, ==, g_array_index (rows, MdkGenerationStats, 14).extra[0]);
  g_assert_cmpfloat (map->qd_score, ==, g_array_index (rows, MdkGenerationStats, 14).extra[1]);
  g_assert_cmpuint (map->filled, >, 10);
  show_page (window, "behaviours");
  mdk_test_ui_screenshot (GTK_WIDGET (window), "window-map-elites.png");

  g_assert_cmpint (g_mkdir (studio, 0755), ==, 0);
  mdk_window_export_all (window, studio_dir);
  g_assert_true (mdk_test_ui_wait (exported, window, 60000));
  {
    const char *args[] = { "export", project, "-o", command_line, "-q", NULL };
    mdk_test_ui_cli (args);
  }
  n = mdk_test_assert_same_folders (studio, command_line);
  /* History, the champion in 6 formats, and 4 files of each of fitness,
   * complexity, speed, accuracy, algorithm and behaviours. */
  g_assert_cmpuint (n, ==, 1 + 6 + 4 * 6);
  {
    g_autoptr(GBytes) csv = mdk_test_read_bytes (studio, "behaviours.csv");

    g_assert_true (g_str_has_prefix (g_bytes_get_data (csv, NULL), "kind,x,y,fitness\ncell,"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  mdk_test_ui_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  /* Before any thread: the PDFs' creation date, the same for both. */
  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  mdk_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/novelty/run", test_novelty_run);
  g_test_add_func ("/ui/novelty/maze", test_maze);
  g_test_add_func ("/ui/novelty/map-elites-project", test_map_elites_project);
  return g_test_run ();
}
