/* The studio window as a user drives it: run the default experiment through
 * the window's actions, and check what every part of the window shows. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "mdk-application.h"
#include "mdk-behaviour-view.h"
#include "mdk-distribution-view.h"
#include "mdk-es-genome.h"
#include "mdk-graph-editor.h"
#include "mdk-lineage-view.h"
#include "mdk-network-view.h"
#include "mdk-plot-view.h"
#include "mdk-project.h"
#include "mdk-run-state.h"
#include "mdk-species-list.h"
#include "mdk-test-files.h"
#include "mdk-test-ui.h"
#include "mdk-test-window.h"
#include "mdk-window.h"

static gboolean
reached (gpointer data)
{
  MdkWindow *window = data;
  guint generation;

  g_object_get (mdk_window_get_session (window), "generation", &generation, NULL);
  return generation >= 15;
}

static void
count_notify (guint *count)
{
  (*count)++;
}

/* The button in the switcher's flow box child @item. */
static GtkWidget *
switcher_button (GtkWidget *item)
{
  return gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (item));
}

/* In a window narrower than the plot pages' buttons on one row, every
 * page's button still lies within the plot pane (the buttons wrap into
 * rows, where a GtkStackSwitcher cut the last ones off), and the buttons
 * and the pages stay in step both ways, hidden pages included. */
static void
test_plot_pages_narrow (void)
{
  MdkWindow *window;
  GtkStack *stack;
  GtkWidget *switcher, *target = NULL;
  graphene_rect_t pane, bounds;
  double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  guint shown = 0, visible_pages = 0;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  mdk_resources_register ();
  window = mdk_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_present (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  stack = GTK_STACK (mdk_window_get_child_by_role (window, "plot-stack"));
  switcher = mdk_window_get_child_by_role (window, "plot-switcher");
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (stack), GTK_WIDGET (window), &pane));

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (stack)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    visible_pages += gtk_widget_get_visible (c);
  for (GtkWidget *item = gtk_widget_get_first_child (switcher); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      if (!gtk_widget_get_visible (item))
        continue;
      shown++;
      g_assert_true (gtk_widget_compute_bounds (switcher_button (item), GTK_WIDGET (window), &bounds));
      g_assert_cmpfloat (bounds.size.width, >, 10);
      g_assert_cmpfloat (bounds.origin.x, >=, pane.origin.x);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, pane.origin.x + pane.size.width + 0.5);
      top = MIN (top, bounds.origin.y);
      bottom = MAX (bottom, bounds.origin.y);
      if (shown == 3)
        target = switcher_button (item);
    }
  /* One button per shown page, and the narrow pane does need rows. */
  g_assert_cmpuint (shown, ==, visible_pages);
  g_assert_cmpuint (shown, >=, 5);
  g_assert_cmpfloat (bottom, >, top + 10);
  mdk_test_ui_screenshot (GTK_WIDGET (window), "window-narrow.png");

  /* A click shows its page; showing a page activates its button. */
  g_signal_emit_by_name (target, "clicked");
  mdk_test_ui_flush ();
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (target)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (target)), ==,
                   gtk_stack_page_get_title (gtk_stack_get_page (stack, gtk_stack_get_visible_child (stack))));
  gtk_stack_set_visible_child_name (stack, "distribution");
  mdk_test_ui_flush ();
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (target)));
  for (GtkWidget *item = gtk_widget_get_first_child (switcher); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (switcher_button (item))))
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (switcher_button (item))), ==,
                       _("Distribution"));

  /* A page that appears (the behaviour space, for novelty search) gets its
   * button shown. */
  {
    GtkWidget *page = gtk_stack_get_child_by_name (stack, "behaviours");
    gboolean found = FALSE;

    g_assert_false (gtk_widget_get_visible (page));
    gtk_widget_set_visible (page, TRUE);
    for (GtkWidget *item = gtk_widget_get_first_child (switcher); item != NULL;
         item = gtk_widget_get_next_sibling (item))
      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (switcher_button (item))), _("Behaviours")) == 0)
        found = gtk_widget_get_visible (item);
    g_assert_true (found);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_run_default_experiment (void)
{
  MdkWindow *window;
  MdkSession *session;
  MdkHistory *history;
  GtkWidget *run_button;
  guint paused_at, icon_changes = 0;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  session = mdk_window_get_session (window);
  history = mdk_session_get_history (session);
  g_assert_cmpint (mdk_session_get_state (session), ==, MDK_SESSION_IDLE);
  mdk_test_ui_screenshot (GTK_WIDGET (window), "window-ready.png");

  /* Run through the window's action, as the Run button does.  The button's
   * icon changes once, not at every report: setting it again costs a
   * relayout and a frame each time (docs/benchmarks.md). */
  run_button = mdk_window_get_child_by_role (window, "run-button");
  g_signal_connect_swapped (run_button, "notify::icon-name", G_CALLBACK (count_notify), &icon_changes);
  mdk_test_window_activate (window, "win.run-pause");
  g_assert_cmpint (mdk_session_get_state (session), ==, MDK_SESSION_RUNNING);
  g_assert_true (mdk_test_ui_wait (reached, window, 60000));
  g_assert_true (mdk_test_ui_wait (mdk_test_window_has_champion_views, window, 10000));
  g_assert_cmpuint (icon_changes, ==, 1);
  g_signal_handlers_disconnect_by_data (run_button, &icon_changes);

  /* Pause responds within a generation and stays paused. */
  mdk_test_window_activate (window, "win.run-pause");
  g_assert_cmpint (mdk_session_get_state (session), ==, MDK_SESSION_PAUSED);
  mdk_test_ui_flush ();
  paused_at = mdk_test_window_generation (window);
  mdk_test_ui_flush ();
  mdk_test_ui_flush ();
  g_assert_cmpuint (mdk_test_window_generation (window), ==, paused_at);

  /* The plots hold every generation. */
  g_assert_cmpuint (mdk_history_get_length (history), ==, paused_at);
  g_assert_cmpuint (mdk_plot_view_get_n_points (MDK_PLOT_VIEW (mdk_window_get_plot (window, MDK_PLOT_FITNESS))),
                    ==, paused_at);
  g_assert_cmpuint (mdk_plot_view_get_n_series (MDK_PLOT_VIEW (mdk_window_get_plot (window, MDK_PLOT_FITNESS))),
                    >=, 3);
  g_assert_cmpint (mdk_behaviour_view_get_trace (MDK_BEHAVIOUR_VIEW (mdk_window_get_child_by_role (window, "behaviour")))->kind,
                   ==, MDK_TRACE_DECISION_GRID);
  g_assert_cmpuint (mdk_species_list_get_n_species (MDK_SPECIES_LIST (mdk_window_get_child_by_role (window, "species"))),
                    >, 0);
  mdk_test_ui_screenshot (GTK_WIDGET (window), "window-running.png");

  /* A generation picked on the time axis is the one the histograms show
   * (distributions are kept for generations whose report had details). */
  {
    MdkPlotView *fitness = MDK_PLOT_VIEW (mdk_window_get_plot (window, MDK_PLOT_FITNESS));
    MdkDistributionView *distribution =
      MDK_DISTRIBUTION_VIEW (mdk_window_get_child_by_role (window, "distribution"));
    const double *f, *h, *c;
    guint n, picked = G_MAXUINT;

    for (guint g = 0; g < paused_at && picked == G_MAXUINT; g++)
      if (mdk_history_get_distribution (history, g, &f, &h, &c, &n))
        picked = g;
    g_assert_cmpuint (picked, !=, G_MAXUINT);
    mdk_plot_view_set_picked_generation (fitness, picked);
    mdk_test_ui_flush ();
    g_assert_cmpint (mdk_distribution_view_get_shown_generation (distribution), ==, picked);
    g_assert_cmpuint (mdk_distribution_view_get_n_values (distribution), ==, 150);
  }

  /* Step: exactly one more generation. */
  mdk_test_window_activate (window, "win.step");
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (mdk_test_window_generation (window) < paused_at + 1 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }
  mdk_test_ui_flush ();
  g_assert_cmpuint (mdk_test_window_generation (window), ==, paused_at + 1);
  g_assert_cmpuint (mdk_history_get_length (history), ==, paused_at + 1);

  /* Reset: back to an editable experiment with empty plots. */
  mdk_test_window_activate (window, "win.reset");
  mdk_test_ui_flush ();
  g_assert_cmpint (mdk_session_get_state (session), ==, MDK_SESSION_IDLE);
  g_assert_cmpuint (mdk_history_get_length (history), ==, 0);
  g_assert_cmpuint (mdk_test_window_generation (window), ==, 0);
  /* The behaviour view previews the data again, for no network. */
  g_assert_nonnull (mdk_behaviour_view_get_trace (MDK_BEHAVIOUR_VIEW (mdk_window_get_child_by_role (window, "behaviour"))));
  g_assert_null (mdk_graph_editor_get_genome (MDK_GRAPH_EDITOR (mdk_window_get_child_by_role (window, "network"))));

  /* Closing during a run stops it cleanly. */
  mdk_test_window_activate (window, "win.run-pause");
  mdk_test_ui_flush ();
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

/* XOR shows its truth table, and its status says when it is solved. */
static gboolean
solved (gpointer data)
{
  gboolean is_solved;

  g_object_get (mdk_window_get_session (data), "solved", &is_solved, NULL);
  return is_solved && mdk_session_get_state (mdk_window_get_session (data)) == MDK_SESSION_FINISHED;
}

static void
test_xor_solves (void)
{
  MdkWindow *window;
  MdkSession *session;
  g_autoptr(GError) error = NULL;
  MdkBehaviourView *behaviour;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  session = mdk_window_get_session (window);
  g_assert_true (mdk_session_set_task (session, "xor", &error));
  g_assert_no_error (error);
  mdk_test_window_activate (window, "win.run-pause");
  g_assert_true (mdk_test_ui_wait (solved, window, 60000));
  mdk_test_ui_flush ();
  behaviour = MDK_BEHAVIOUR_VIEW (mdk_window_get_child_by_role (window, "behaviour"));
  g_assert_nonnull (mdk_behaviour_view_get_trace (behaviour));
  g_assert_cmpint (mdk_behaviour_view_get_trace (behaviour)->kind, ==, MDK_TRACE_TRUTH_TABLE);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mdk_window_get_child_by_role (window, "status-state"))),
                   ==, _("Solved"));
  mdk_test_ui_screenshot (GTK_WIDGET (window), "window-xor-solved.png");
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

/* A bad experiment is refused with a message, not a crash. */
static void
test_bad_csv_refused (void)
{
  MdkWindow *window;
  MdkSession *session;
  g_autoptr(GError) error = NULL;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  session = mdk_window_get_session (window);
  g_assert_true (mdk_session_set_task (session, "csv", &error));
  g_assert_true (mdk_session_set_param (session, MDK_PARAM_OWNER_TASK, "path", "/nonexistent/data.csv", &error));
  g_assert_false (mdk_session_run (session, &error));
  g_assert_nonnull (strstr (error->message, "/nonexistent/data.csv"));
  g_assert_cmpint (mdk_session_get_state (session), ==, MDK_SESSION_IDLE);
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

/* The maze in the studio: the map previewed before the run, the champion's
 * path and the generation's end points after a step; a bad map file is
 * refused with the line it is wrong on. */
static gboolean
has_behaviours (gpointer data)
{
  MdkBehaviourView *view = MDK_BEHAVIOUR_VIEW (mdk_window_get_child_by_role (data, "behaviour"));
  MdkTrace *trace = mdk_behaviour_view_get_trace (view);

  return mdk_behaviour_view_get_behaviours (view, NULL) != NULL && trace != NULL &&
         trace->kind == MDK_TRACE_MAZE && mdk_session_get_state (mdk_window_get_session (data)) != MDK_SESSION_RUNNING;
}

static void
test_maze (void)
{
  MdkWindow *window;
  MdkSession *session;
  MdkBehaviourView *behaviour;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "mazes", "bad-count.txt", NULL);
  GArray *behaviours;
  guint n_behaviour;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  session = mdk_window_get_session (window);
  behaviour = MDK_BEHAVIOUR_VIEW (mdk_window_get_child_by_role (window, "behaviour"));
  g_assert_true (mdk_session_set_task (session, "maze", &error));
  g_assert_true (mdk_session_set_param (session, MDK_PARAM_OWNER_TASK, "map", "hard", &error));
  g_assert_no_error (error);
  mdk_test_ui_flush ();
  g_assert_cmpint (mdk_behaviour_view_get_trace (behaviour)->kind, ==, MDK_TRACE_MAZE);
  g_assert_cmpuint (mdk_behaviour_view_get_trace (behaviour)->n_points, ==, 13);
  g_assert_null (mdk_behaviour_view_get_behaviours (behaviour, NULL));

  mdk_test_window_activate (window, "win.step");
  mdk_test_window_activate (window, "win.step");
  g_assert_true (mdk_test_ui_wait (has_behaviours, window, 30000));
  behaviours = mdk_behaviour_view_get_behaviours (behaviour, &n_behaviour);
  g_assert_cmpuint (n_behaviour, ==, 2);
  g_assert_cmpuint (behaviours->len, ==,
                    2 * ((const MdkNeatParams *) mdk_session_get_experiment (session)->optimizer_params)->population_size);
  mdk_test_ui_flush ();
  mdk_test_ui_screenshot (GTK_WIDGET (window), "window-maze.png");

  /* Reset: the preview again, without the generation's dots. */
  mdk_test_window_activate (window, "win.reset");
  mdk_test_ui_flush ();
  g_assert_null (mdk_behaviour_view_get_behaviours (behaviour, NULL));

  g_assert_true (mdk_session_set_param (session, MDK_PARAM_OWNER_TASK, "map", bad, &error));
  g_assert_false (mdk_session_run (session, &error));
  g_assert_nonnull (strstr (error->message, "Line 4"));
  g_assert_cmpint (mdk_session_get_state (session), ==, MDK_SESSION_IDLE);
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

/* Before a run, clicks on the decision boundary paint training points: the
 * dataset becomes the painted one, holding the shown points plus the new. */
static void
test_paint_points (void)
{
  MdkWindow *window;
  MdkSession *session;
  MdkBehaviourView *behaviour;
  MdkTrace *before;
  guint n_before;
  double wx, wy;
  g_autofree char *dataset = NULL;
  g_autofree char *points = NULL;
  g_auto(GStrv) items = NULL;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  session = mdk_window_get_session (window);
  behaviour = MDK_BEHAVIOUR_VIEW (mdk_window_get_child_by_role (window, "behaviour"));
  before = mdk_behaviour_view_get_trace (behaviour);
  g_assert_nonnull (before);
  g_assert_cmpint (before->kind, ==, MDK_TRACE_DECISION_GRID);
  n_before = before->n_points;

  g_assert_true (mdk_behaviour_view_task_to_widget (behaviour, 2.0, -3.0, &wx, &wy));
  g_assert_true (mdk_behaviour_view_click (behaviour, wx, wy, GDK_BUTTON_PRIMARY, 0));
  mdk_test_ui_flush ();

  dataset = mdk_session_get_param (session, MDK_PARAM_OWNER_TASK, "dataset");
  g_assert_cmpstr (dataset, ==, "custom");
  points = mdk_session_get_param (session, MDK_PARAM_OWNER_TASK, "custom_points");
  items = g_strsplit (points, ";", -1);
  g_assert_cmpuint (g_strv_length (items), ==, n_before + 1);
  /* The preview now shows the painted data. */
  g_assert_cmpuint (mdk_behaviour_view_get_trace (behaviour)->n_points, ==, n_before + 1);
  mdk_test_ui_screenshot (GTK_WIDGET (behaviour), "window-painted.png");

  /* During a run the task is fixed: clicks paint nothing. */
  g_assert_true (mdk_session_run (session, NULL));
  mdk_test_ui_flush ();
  g_assert_false (mdk_behaviour_view_get_can_add_points (behaviour));
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

/* Editing the champion in the graph editor pauses following it, evaluates
 * the edit at once, and the edited network can join the running population. */
static void
test_edit_and_insert (void)
{
  MdkWindow *window;
  MdkSession *session;
  MdkGraphEditor *editor;
  GtkToggleButton *follow;
  const MdkNeatGenome *genome;
  guint32 innovation;
  guint generation;
  MdkReport *report;
  gboolean found = FALSE;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  session = mdk_window_get_session (window);
  editor = MDK_GRAPH_EDITOR (mdk_window_get_child_by_role (window, "network"));
  follow = GTK_TOGGLE_BUTTON (mdk_window_get_child_by_role (window, "follow"));
  g_assert_true (mdk_session_step (session, NULL));
  g_assert_true (mdk_test_ui_wait (mdk_test_window_has_champion_views, window, 20000));
  genome = mdk_graph_editor_get_genome (editor);
  g_assert_nonnull (genome);
  g_assert_true (gtk_toggle_button_get_active (follow));

  /* Change a weight: following stops, the edit is evaluated at once and
   * the behaviour view shows the edited network. */
  {
    MdkBehaviourView *behaviour = MDK_BEHAVIOUR_VIEW (mdk_window_get_child_by_role (window, "behaviour"));
    /* Held, so a new trace cannot reuse its address. */
    g_autoptr(MdkTrace) before = mdk_trace_ref (mdk_behaviour_view_get_trace (behaviour));

    innovation = genome->conns[0].innovation;
    g_assert_true (mdk_graph_editor_set_weight (editor, innovation, 5.5));
    mdk_test_ui_flush ();
    g_assert_true (mdk_behaviour_view_get_trace (behaviour) != before);
    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (mdk_window_get_child_by_role (window, "network-status"))),
                                     "Fitness "));
  }
  g_assert_false (gtk_toggle_button_get_active (follow));
  g_assert_cmpfloat (mdk_graph_editor_get_genome (editor)->conns[0].weight, ==, 5.5);

  /* Insert it: the next generation's genomes contain it. */
  mdk_test_window_activate (window, "win.insert-network");
  generation = mdk_test_window_generation (window);
  mdk_test_window_activate (window, "win.step");
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (mdk_test_window_generation (window) < generation + 1 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }
  mdk_test_ui_flush ();
  report = mdk_session_get_report (session);
  g_assert_nonnull (report->genomes);
  for (guint i = 0; i < report->genomes->len && !found; i++)
    {
      const MdkNeatGenome *g = report->genomes->pdata[i];
      if (g->origin == MDK_NEAT_ORIGIN_EDITED && g->n_conns > 0 && g->conns[0].weight == 5.5)
        found = TRUE;
    }
  g_assert_true (found);
  mdk_test_ui_screenshot (GTK_WIDGET (window), "window-edited.png");
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

/* The loss figures of "N backprop steps: loss A → B". */
static void
parse_backprop_note (const char *note,
                     double     *before,
                     double     *after)
{
  const char *loss = strstr (note, "loss ");
  const char *arrow = strstr (note, "→");

  g_assert_nonnull (loss);
  g_assert_nonnull (arrow);
  *before = g_ascii_strtod (loss + strlen ("loss "), NULL);
  *after = g_ascii_strtod (arrow + strlen ("→"), NULL);
}

/* "Backprop more" in the network pane: the network in the editor learns
 * (one undoable edit), the behaviour view shows it, and clicking again
 * lowers the training loss further. */
static void
test_backprop_more (void)
{
  MdkWindow *window;
  MdkSession *session;
  MdkGraphEditor *editor;
  MdkBehaviourView *behaviour;
  GtkLabel *status;
  g_autoptr(MdkNeatGenome) grown = NULL;
  double before, after, again_before, again_after;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  session = mdk_window_get_session (window);
  editor = MDK_GRAPH_EDITOR (mdk_window_get_child_by_role (window, "network"));
  behaviour = MDK_BEHAVIOUR_VIEW (mdk_window_get_child_by_role (window, "behaviour"));
  status = GTK_LABEL (mdk_window_get_child_by_role (window, "network-status"));
  g_assert_true (mdk_session_set_param (session, MDK_PARAM_OWNER_ALGORITHM, "backprop_learning_rate", "0.05", NULL));
  g_assert_true (mdk_session_set_param (session, MDK_PARAM_OWNER_ALGORITHM, "backprop_batch_size", "0", NULL));
  g_assert_true (mdk_session_step (session, NULL));
  g_assert_true (mdk_test_ui_wait (mdk_test_window_has_champion_views, window, 20000));
  g_assert_true (gtk_widget_is_sensitive (mdk_window_get_child_by_role (window, "network")));

  /* Two hidden nodes, between the inputs and the output, give the circle
   * something to learn with. */
  for (guint k = 0; k < 2; k++)
    {
      const MdkNeatGenome *g = mdk_graph_editor_get_genome (editor);
      double x, y, gx, gy;

      g_assert_true (mdk_graph_editor_get_node_position (editor, g->conns[k].in, &x, &y));
      mdk_graph_editor_widget_to_graph (editor, gtk_widget_get_width (GTK_WIDGET (editor)) / 2.0, y, &gx, &gy);
      g_assert_cmpuint (mdk_graph_editor_add_node_at (editor, gx, gy, MDK_ACTIVATION_TANH,
                                                      g->conns[k].innovation), !=, 0);
    }
  grown = mdk_neat_genome_copy (mdk_graph_editor_get_genome (editor));

  {
    g_autoptr(MdkTrace) trace = mdk_trace_ref (mdk_behaviour_view_get_trace (behaviour));

    mdk_test_window_activate (window, "win.backprop-network");
    mdk_test_ui_flush ();
    g_assert_true (mdk_behaviour_view_get_trace (behaviour) != trace);
  }
  parse_backprop_note (gtk_label_get_text (status), &before, &after);
  g_assert_cmpfloat (after, <, before);
  {
    const MdkNeatGenome *trained = mdk_graph_editor_get_genome (editor);
    guint changed = 0;

    for (guint i = 0; i < grown->n_conns; i++)
      changed += trained->conns[i].weight != grown->conns[i].weight;
    g_assert_cmpuint (changed, >, 0);
  }

  mdk_test_window_activate (window, "win.backprop-network");
  mdk_test_ui_flush ();
  parse_backprop_note (gtk_label_get_text (status), &again_before, &again_after);
  g_assert_cmpfloat (fabs (again_before - after), <, 1e-3 * after);
  g_assert_cmpfloat (again_after, <, again_before);
  mdk_test_ui_screenshot (GTK_WIDGET (window), "window-backprop-more.png");

  /* Each click is one undo step, back to the grown network. */
  g_assert_true (mdk_graph_editor_undo (editor));
  g_assert_true (mdk_graph_editor_undo (editor));
  for (guint i = 0; i < grown->n_conns; i++)
    g_assert_cmpfloat (mdk_graph_editor_get_genome (editor)->conns[i].weight, ==, grown->conns[i].weight);

  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

static guint
gallery_size (MdkWindow *window)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (mdk_window_get_child_by_role (window, "choose-gallery"));
       c != NULL; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

static gboolean
gallery_filled (gpointer data)
{
  return gallery_size (data) == 150;
}

static gboolean
second_generation_shown (gpointer data)
{
  MdkReport *report = mdk_session_get_report (mdk_window_get_session (data));
  return report != NULL && report->candidates != NULL && report->generation == 1;
}

/* Interactive evolution: the generation appears as a gallery; the chosen
 * networks breed the next one. */
static void
test_interactive (void)
{
  MdkWindow *window;
  MdkSession *session;
  GtkWidget *first;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  session = mdk_window_get_session (window);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (mdk_window_get_child_by_role (window, "interactive")), TRUE);
  g_assert_true (mdk_session_get_interactive (session));
  mdk_test_window_activate (window, "win.step");
  g_assert_true (mdk_test_ui_wait (gallery_filled, window, 30000));
  mdk_test_ui_flush ();
  mdk_test_ui_screenshot (GTK_WIDGET (window), "window-interactive.png");

  /* Breeding with nothing chosen is refused; with two chosen it goes on. */
  mdk_test_window_activate (window, "win.breed");
  mdk_test_ui_flush ();
  g_assert_cmpuint (mdk_test_window_generation (window), ==, 0);
  first = gtk_widget_get_first_child (mdk_window_get_child_by_role (window, "choose-gallery"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (first))), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_flow_box_child_get_child (
                                  GTK_FLOW_BOX_CHILD (gtk_widget_get_next_sibling (first)))), TRUE);
  mdk_test_window_activate (window, "win.breed");
  g_assert_true (mdk_test_ui_wait (second_generation_shown, window, 30000));
  g_assert_cmpuint (mdk_test_window_generation (window), ==, 1);
  g_assert_cmpfloat (mdk_session_get_report (session)->champion_result.fitness, ==, 1.0);
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
}

/* Saving while the run goes on: the run is not stopped, the title names the
 * project, and Save writes the newer state to the same file. */
static void
test_save_while_running (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-ui-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "spirals.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MdkWindow *window;
  MdkSession *session;
  guint first, second, generation;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  session = mdk_window_get_session (window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, _("Medaka"));

  /* New opens another window on the default experiment. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint before = g_list_model_get_n_items (toplevels);
    MdkWindow *other;

    mdk_test_window_activate (window, "win.new");
    mdk_test_ui_flush ();
    g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);
    other = mdk_test_ui_find_toplevel (MDK_TYPE_WINDOW, window);
    g_assert_nonnull (other);
    g_assert_cmpint (mdk_session_get_state (mdk_window_get_session (other)), ==, MDK_SESSION_IDLE);
    gtk_window_destroy (GTK_WINDOW (other));
    mdk_test_ui_flush ();
  }

  /* Before any run, the experiment saves at generation 0. */
  g_assert_true (mdk_test_window_save (window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mdk_test_project_generation (file), ==, 0);
  /* Saved projects are remembered for Open Recent, the newest first. */
  {
    g_auto(GStrv) recent = g_settings_get_strv (mdk_application_get_settings (), "recent-projects");
    g_autofree char *uri = g_file_get_uri (file);

    g_assert_nonnull (recent[0]);
    g_assert_cmpstr (recent[0], ==, uri);
  }
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "spirals.medaka"));

  mdk_test_window_activate (window, "win.run-pause");
  g_assert_true (mdk_test_ui_wait (reached, window, 60000));
  mdk_test_window_activate (window, "win.save");
  g_assert_true (mdk_test_ui_wait (mdk_test_window_not_saving, window, 60000));
  g_assert_cmpint (mdk_session_get_state (session), ==, MDK_SESSION_RUNNING);
  first = mdk_test_project_generation (file);
  g_assert_cmpuint (first, >=, 15);

  g_object_get (session, "generation", &generation, NULL);
  while (generation < first + 5)
    {
      g_main_context_iteration (NULL, TRUE);
      g_object_get (session, "generation", &generation, NULL);
    }
  mdk_test_window_activate (window, "win.save");
  g_assert_true (mdk_test_ui_wait (mdk_test_window_not_saving, window, 60000));
  second = mdk_test_project_generation (file);
  g_assert_cmpuint (second, >=, first + 5);
  g_assert_cmpint (mdk_session_get_state (session), ==, MDK_SESSION_RUNNING);

  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();

  /* Opened in a new window it waits, paused, with its history plotted,
   * and goes on from there. */
  window = mdk_test_window_new ();
  session = mdk_window_get_session (window);
  {
    g_autofree char *uri = g_file_get_uri (file);
    /* As the Open Recent menu does. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri));
  }
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "spirals.medaka"));
  g_assert_cmpint (mdk_session_get_state (session), ==, MDK_SESSION_PAUSED);
  while (mdk_history_get_rows (mdk_session_get_history (session))->len < second)
    g_main_context_iteration (NULL, TRUE);
  g_object_get (session, "generation", &generation, NULL);
  g_assert_cmpuint (generation, ==, second);
  /* The lineage came with it: the ancestors of the population are known. */
  g_assert_cmpuint (mdk_lineage_get_size (mdk_session_get_lineage (session)), >, 150);
  mdk_test_ui_flush ();
  mdk_test_ui_screenshot (GTK_WIDGET (window), "window-opened-project.png");
  mdk_test_window_activate (window, "win.step");
  while (generation < second + 1)
    {
      g_main_context_iteration (NULL, TRUE);
      g_object_get (session, "generation", &generation, NULL);
    }
  g_assert_cmpuint (mdk_history_get_rows (mdk_session_get_history (session))->len, ==, second + 1);

  /* A broken file is refused and changes nothing. */
  {
    g_autofree char *bad_path = g_build_filename (dir, "bad.medaka", NULL);
    g_autoptr(GFile) bad = g_file_new_for_path (bad_path);

    g_assert_true (g_file_set_contents (bad_path, "{\"format\": \"medaka-project\", \"version\": 1, \"state\": {}}",
                                        -1, NULL));
    g_assert_false (mdk_window_open_project (window, bad, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_object_get (session, "generation", &generation, NULL);
    g_assert_cmpuint (generation, ==, second + 1);
    g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "spirals.medaka"));

    /* As from the file chooser or the command line: a dialog says why. */
    mdk_window_open_file (window, bad);
    mdk_test_ui_flush ();
    {
      GtkMessageDialog *dialog = mdk_test_ui_find_message_dialog ();
      g_autofree char *text = NULL;

      g_assert_nonnull (dialog);
      g_object_get (dialog, "text", &text, NULL);
      g_assert_nonnull (strstr (text, "bad.medaka"));
      mdk_test_ui_screenshot (GTK_WIDGET (dialog), "open-project-error.png");
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
    g_assert_cmpint (g_unlink (bad_path), ==, 0);
  }

  /* The step is not saved: the title says so, and closing asks first;
   * Cancel keeps the window, Discard closes it. */
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "*"));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  g_assert_nonnull (window);
  g_assert_nonnull (mdk_test_ui_find_message_dialog ());
  mdk_test_ui_screenshot (GTK_WIDGET (mdk_test_ui_find_message_dialog ()), "close-unsaved.png");
  gtk_dialog_response (GTK_DIALOG (mdk_test_ui_find_message_dialog ()), GTK_RESPONSE_CANCEL);
  mdk_test_ui_flush ();
  g_assert_nonnull (window);
  g_assert_null (mdk_test_ui_find_message_dialog ());
  gtk_window_close (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  gtk_dialog_response (GTK_DIALOG (mdk_test_ui_find_message_dialog ()), 1 /* discard */);
  mdk_test_ui_flush ();
  g_assert_null (window);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Every evolution strategy runs in the studio: its champion is drawn
 * read-only through its graph form, the species panel says there are no
 * species, the lineage shows the champion, the algorithm's statistics are
 * plotted, and the run saves and opens again. */
static gboolean
has_es_views (gpointer data)
{
  MdkWindow *window = data;

  return mdk_test_window_generation (window) >= 6 &&
         mdk_behaviour_view_get_trace (MDK_BEHAVIOUR_VIEW (mdk_window_get_child_by_role (window, "behaviour"))) != NULL &&
         mdk_graph_editor_get_genome (MDK_GRAPH_EDITOR (mdk_window_get_child_by_role (window, "network"))) != NULL;
}

static gboolean
exported (gpointer data)
{
  return g_str_has_prefix (gtk_label_get_text (GTK_LABEL (mdk_window_get_child_by_role (data, "status-note"))),
                           "Exported");
}

/* Export All of a CMA-ES run: the champion as its own genome document, the
 * history with the algorithm's columns, and the algorithm's chart. */
static void
check_es_export (MdkWindow  *window,
                 const char *dir)
{
  g_autofree char *out = g_build_filename (dir, "export", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (out);
  g_autoptr(GBytes) champion = NULL, history = NULL, chart = NULL;
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(GError) error = NULL;

  mdk_window_export_all (window, folder);
  g_assert_true (mdk_test_ui_wait (exported, window, 60000));
  champion = mdk_test_read_bytes (out, "champion.json");
  doc = json_from_string (g_bytes_get_data (champion, NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (doc), "kind"), ==, "mlp");
  history = mdk_test_read_bytes (out, "history.csv");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (history, NULL), g_bytes_get_size (history),
                                  ",solved,phase,sigma,condition,lambda\n"));
  chart = mdk_test_read_bytes (out, "algorithm.csv");
  g_assert_true (g_str_has_prefix (g_bytes_get_data (chart, NULL), "generation,sigma,condition,lambda\n"));
  {
    g_autofree char *svg = g_build_filename (out, "algorithm.svg", NULL);
    g_assert_true (g_file_test (svg, G_FILE_TEST_EXISTS));
  }
  /* Only the folder's own files. */
  {
    g_autoptr(GDir) d = g_dir_open (out, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (out, name, NULL);
        g_assert_cmpint (g_unlink (path), ==, 0);
      }
    g_assert_cmpint (g_rmdir (out), ==, 0);
  }
}

static void
test_evolution_strategies (void)
{
  static const char * const ids[] = { "cmaes", "sep-cmaes", "openai-es", "pepg", "ga" };
  g_autofree char *dir = g_dir_make_tmp ("medaka-ui-es-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "es.medaka", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MdkWindow *window;
  MdkSession *session;
  guint at = 0;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  window = mdk_test_window_new ();
  session = mdk_window_get_session (window);
  for (guint a = 0; a < G_N_ELEMENTS (ids); a++)
    {
      const MdkOptimizerClass *klass = mdk_optimizer_class_lookup (ids[a]);
      MdkGraphEditor *editor = MDK_GRAPH_EDITOR (mdk_window_get_child_by_role (window, "network"));
      MdkPlotView *plot = MDK_PLOT_VIEW (mdk_window_get_plot (window, MDK_PLOT_ALGORITHM));
      MdkLineageView *lineage = MDK_LINEAGE_VIEW (mdk_window_get_child_by_role (window, "lineage"));
      const MdkNeatGenome *shown;
      MdkReport *report;

      g_test_message ("%s", ids[a]);
      mdk_test_window_activate (window, "win.reset");
      g_assert_true (mdk_session_set_algorithm (session, ids[a], &error));
      g_assert_no_error (error);
      mdk_test_window_activate (window, "win.run-pause");
      g_assert_true (mdk_test_ui_wait (has_es_views, window, 60000));
      mdk_test_window_activate (window, "win.run-pause");
      mdk_test_ui_flush ();

      /* The network: the MLP's graph, read-only; edits are refused. */
      shown = mdk_graph_editor_get_genome (editor);
      report = mdk_session_get_report (session);
      g_assert_true (mdk_graph_editor_get_read_only (editor));
      g_assert_cmpuint (mdk_neat_genome_count_hidden (shown), ==, 8);
      g_assert_cmpuint (shown->id, ==, ((const MdkEsGenome *) report->champion)->id);
      g_assert_false (mdk_graph_editor_set_weight (editor, shown->conns[0].innovation, 1.5));
      g_assert_cmpfloat (mdk_graph_editor_get_genome (editor)->conns[0].weight, ==, shown->conns[0].weight);

      /* No species; the lineage shows the champion. */
      g_assert_cmpuint (mdk_species_list_get_n_species (MDK_SPECIES_LIST (mdk_window_get_child_by_role (window, "species"))),
                        ==, 0);
      g_assert_cmpuint (mdk_lineage_view_get_genome_id (lineage), ==, shown->id);
      g_assert_cmpuint (mdk_lineage_view_get_n_boxes (lineage), >=, 1);

      /* The algorithm's own statistics, one series each. */
      g_assert_cmpuint (mdk_plot_view_get_n_series (plot), ==, klass->n_stats);
      g_assert_cmpuint (mdk_plot_view_get_n_points (plot), ==, mdk_test_window_generation (window));

      if (a == 0)
        {
          gtk_stack_set_visible_child_name (GTK_STACK (mdk_window_get_child_by_role (window, "plot-stack")),
                                            "algorithm");
          gtk_stack_set_visible_child_name (GTK_STACK (mdk_window_get_child_by_role (window, "population-stack")),
                                            "lineage");
          mdk_test_ui_flush ();
          mdk_test_ui_screenshot (GTK_WIDGET (window), "window-cmaes.png");
          g_assert_true (mdk_test_window_save (window, file, &error));
          g_assert_no_error (error);
          at = mdk_test_window_generation (window);
          check_es_export (window, dir);
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();

  /* The CMA-ES run opens again, paused where it was, and goes on. */
  window = mdk_test_window_new ();
  session = mdk_window_get_session (window);
  g_assert_true (mdk_window_open_project (window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mdk_session_get_state (session), ==, MDK_SESSION_PAUSED);
  while (mdk_history_get_rows (mdk_session_get_history (session))->len < at)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (mdk_test_window_generation (window), ==, at);
  mdk_test_window_activate (window, "win.step");
  while (mdk_test_window_generation (window) < at + 1)
    g_main_context_iteration (NULL, TRUE);
  mdk_test_ui_flush ();
  g_assert_cmpuint (mdk_history_get_rows (mdk_session_get_history (session))->len, ==, at + 1);
  g_assert_true (mdk_graph_editor_get_read_only (MDK_GRAPH_EDITOR (mdk_window_get_child_by_role (window, "network"))));
  gtk_window_destroy (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  mdk_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/window/run-default-experiment", test_run_default_experiment);
  g_test_add_func ("/ui/window/plot-pages-narrow", test_plot_pages_narrow);
  g_test_add_func ("/ui/window/xor-solves", test_xor_solves);
  g_test_add_func ("/ui/window/bad-csv-refused", test_bad_csv_refused);
  g_test_add_func ("/ui/window/maze", test_maze);
  g_test_add_func ("/ui/window/paint-points", test_paint_points);
  g_test_add_func ("/ui/window/edit-and-insert", test_edit_and_insert);
  g_test_add_func ("/ui/window/backprop-more", test_backprop_more);
  g_test_add_func ("/ui/window/interactive", test_interactive);
  g_test_add_func ("/ui/window/save-open", test_save_while_running);
  g_test_add_func ("/ui/window/evolution-strategies", test_evolution_strategies);
  return g_test_run ();
}
