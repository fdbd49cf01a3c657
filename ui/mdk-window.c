#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-window.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mdk-application.h"
#include "mdk-behaviour-view.h"
#include "mdk-designer.h"
#include "mdk-behaviour-space-view.h"
#include "mdk-distribution-view.h"
#include "mdk-es-genome.h"
#include "mdk-export.h"
#include "mdk-examples.h"
#include "mdk-genome-compare.h"
#include "mdk-graph-editor.h"
#include "mdk-lineage-view.h"
#include "mdk-neat.h"
#include "mdk-neat-backprop.h"
#include "mdk-neat-config.h"
#include "mdk-neat-genome.h"
#include "mdk-network-view.h"
#include "mdk-page-switcher.h"
#include "mdk-plot-view.h"
#include "mdk-project.h"
#include "mdk-question.h"
#include "mdk-recovery.h"
#include "mdk-run-state.h"
#include "mdk-species-list.h"
#include "mdk-task-classify.h"
#include "mdk-task-cppn.h"
#include "mdk-ui-pace.h"

#define N_PLOTS 6

struct _MdkWindow
{
  GtkApplicationWindow  parent_instance;

  MdkSession           *session;
  MdkProject           *project;           /* notes and bookmarks of the open project */
  GFile                *project_file;      /* where Save writes, or NULL */
  GFile                *restored_file;     /* a recovered run's project: Save asks first */
  char                 *untitled_name;     /* the title without a project file, or NULL */
  const char           *example_id;        /* the example shown untitled, or NULL */
  gboolean              unsaved;           /* changes since the last save or open */
  guint                 saved_generation;
  guint                 changes;           /* experiment changes, to tell whether a save is current */
  gboolean              close_after_save;  /* Save chosen in the close dialog */
  gboolean              close_when_done;   /* closing waits for the saves in flight */
  gboolean              discarded;         /* Discard chosen in the close dialog */
  guint                 jobs;              /* saves running in worker threads */
  gboolean              user_saving;       /* one of them is a Save the user asked for */
  GtkWidget            *saving_box;        /* "Saving…" in the status bar */
  GtkLabel             *saving_label;
  MdkRecovery          *recovery;          /* the run's recovery copy, or NULL */
  guint                 recovery_generation; /* of the last recovery copy */
  guint                 autosave_id;
  GMenu                *recent_menu;       /* filled from the recent-projects setting */
  GMenu                *examples_menu;
  GtkWidget            *plots[N_PLOTS];
  MdkUiPace             pace;              /* refresh pacing while running */
  guint                 pace_timeout;
  GtkWidget            *distribution;
  GtkWidget            *behaviour_space;
  GtkWidget            *behaviour_space_page;  /* for tasks that describe behaviour */
  GtkWidget            *designer;
  GtkWidget            *behaviour;
  GtkWidget            *network;
  GtkWidget            *species;
  GtkWidget            *lineage;
  GtkTextView          *notes;             /* the project's notes */
  GtkListBox           *bookmarks;         /* and its bookmarked networks */
  gboolean              showing_notes;     /* the buffer changes, not the user */
  GtkWidget            *follow_button;
  GtkLabel             *network_status;    /* fitness of an edited network, or a refusal */
  GtkWidget            *interactive_button;
  GtkWidget            *choose_page;
  GtkFlowBox           *choose_gallery;
  GtkLabel             *choose_hint;
  guint                 status_timeout;
  guint                 note_timeout;
  MdkReport            *selected_report;   /* keeps the selected genome alive */
  MdkReport            *pending_details;   /* waiting for the next view update */
  guint                 details_timeout;
  gint64                last_details;
  gint64                last_status;
  gconstpointer         selected_genome;
  guint                 backprop_clicks;   /* each "Backprop more" draws other minibatches */
  /* A genome shown through its graph form (an algorithm without graph
   * genomes), a copy, for exporting it in its own form. */
  const MdkOptimizerClass *shown_class;
  gpointer              shown_genome;
  MdkNeatGenome        *export_graph;      /* the champion's graph form, for exports */
  MdkStatColumns        export_columns;    /* and the history's statistics */

  /* Template children */
  GtkWidget            *run_button;
  GtkWidget            *log_button;
  GtkWidget            *designer_box;
  GtkWidget            *plot_switcher_box;
  GtkWidget            *plot_switcher;
  GtkStack             *plot_stack;
  GtkWidget            *behaviour_box;
  GtkWidget            *network_box;
  GtkLabel             *network_title;
  GtkStack             *population_stack;
  GtkLabel             *status_generation;
  GtkLabel             *status_evaluations;
  GtkLabel             *status_rate;
  GtkLabel             *status_elapsed;
  GtkLabel             *status_best;
  GtkLabel             *status_note;       /* e.g. where Export All wrote */
  GtkLabel             *status_state;
};

G_DEFINE_FINAL_TYPE (MdkWindow, mdk_window, GTK_TYPE_APPLICATION_WINDOW)

static const struct
{
  MdkPlotKind kind;
  const char *name;
  const char *title;
} plot_pages[N_PLOTS] = {
  { MDK_PLOT_FITNESS, "fitness", N_("Fitness") },
  { MDK_PLOT_COMPLEXITY, "complexity", N_("Complexity") },
  { MDK_PLOT_SPECIES, "species", N_("Species") },
  { MDK_PLOT_RATE, "speed", N_("Speed") },
  { MDK_PLOT_ACCURACY, "accuracy", N_("Accuracy") },
  { MDK_PLOT_ALGORITHM, "algorithm", N_("Algorithm") },
};

static void     set_unsaved        (MdkWindow *self,
                                    gboolean   unsaved);
static void     update_saving      (MdkWindow *self);
static void     remove_recovery    (MdkWindow *self);
static gboolean ask_before_closing (MdkWindow *self);
static void     show_status_note   (MdkWindow  *self,
                                    const char *message);

static void
show_error (MdkWindow  *self,
            const char *primary,
            const char *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
format_duration (double seconds)
{
  guint s = (guint) MAX (0.0, floor (seconds));

  if (s >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", s / 3600, (s / 60) % 60, s % 60);
  return g_strdup_printf ("%u:%02u", s / 60, s % 60);
}

static void
update_status (MdkWindow *self)
{
  MdkSessionState state = mdk_session_get_state (self->session);
  guint generation;
  guint64 evaluations;
  double rate, elapsed, best;
  gboolean solved;
  g_autofree char *stop_reason = NULL;
  g_autofree char *text = NULL;
  g_autofree char *duration = NULL;

  g_object_get (self->session, "generation", &generation, "evaluations", &evaluations,
                "evaluations-per-second", &rate, "elapsed", &elapsed, "best-fitness", &best,
                "solved", &solved, "stop-reason", &stop_reason, NULL);

  text = g_strdup_printf (_("Generation %u"), generation);
  gtk_label_set_text (self->status_generation, text);
  g_free (text);
  /* TRANSLATORS: %'llu is a count with the locale's digit grouping */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'llu evaluation", "%'llu evaluations",
                                       evaluations),
                          (unsigned long long) evaluations);
  gtk_label_set_text (self->status_evaluations, text);
  g_free (text);
  text = g_strdup_printf (_("%'.0f evaluations/s"), rate);
  gtk_label_set_text (self->status_rate, text);
  g_free (text);
  duration = format_duration (elapsed);
  text = g_strdup_printf (_("Time %s"), duration);
  gtk_label_set_text (self->status_elapsed, text);
  g_free (text);
  text = isfinite (best) ? g_strdup_printf (_("Best fitness %.6g"), best) : g_strdup (_("Best fitness –"));
  gtk_label_set_text (self->status_best, text);
  g_free (text);

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_state), "status-solved");
  if (solved)
    {
      text = g_strdup (_("Solved"));
      gtk_widget_add_css_class (GTK_WIDGET (self->status_state), "status-solved");
    }
  else if (state == MDK_SESSION_RUNNING)
    text = g_strdup (_("Running"));
  else if (state == MDK_SESSION_PAUSED)
    text = g_strdup (_("Paused"));
  else if (state == MDK_SESSION_FINISHED)
    text = g_strdup_printf (_("Stopped: %s"), stop_reason ? stop_reason : "");
  else
    text = g_strdup (_("Ready: press Run to evolve"));
  gtk_label_set_text (self->status_state, text);
}

static const MdkNeatGenome *
editor_genome (MdkWindow *self)
{
  return mdk_graph_editor_get_genome (MDK_GRAPH_EDITOR (self->network));
}

/* "Backprop more" needs a NEAT run on a task with training data. */
static gboolean
can_backprop (MdkWindow *self)
{
  MdkTask *task = mdk_session_get_task (self->session);
  MdkTrainingData data;

  return task != NULL && mdk_session_get_experiment (self->session)->optimizer_class == &mdk_neat_class &&
         mdk_task_get_training_data (task, &data);
}

static gboolean
editable_genome (MdkWindow *self)
{
  return self->network != NULL && editor_genome (self) != NULL &&
         !mdk_graph_editor_get_read_only (MDK_GRAPH_EDITOR (self->network));
}

static void
update_actions (MdkWindow *self)
{
  MdkSessionState state = mdk_session_get_state (self->session);
  gboolean running = state == MDK_SESSION_RUNNING;
  MdkReport *report = mdk_session_get_report (self->session);
  const char *run_icon = running ? "media-playback-pause-symbolic" : "media-playback-start-symbolic";

  /* Only on a change: setting the same icon again still costs a frame,
   * and reports come many times a second. */
  if (g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (self->run_button)), run_icon) != 0)
    {
      gtk_button_set_icon_name (GTK_BUTTON (self->run_button), run_icon);
      gtk_widget_set_tooltip_text (self->run_button,
                                   running ? _("Pause evolution (Ctrl+R)") : _("Run evolution (Ctrl+R)"));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset", state != MDK_SESSION_IDLE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-champion",
                                 report != NULL && report->champion != NULL);
  /* Only NEAT genomes join, seed or compare with a run. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.insert-network", editable_genome (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.seed-from-network", editable_genome (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-network",
                                 editable_genome (self) && report != NULL && report->champion != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backprop-network",
                                 editable_genome (self) && can_backprop (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-history",
                                 mdk_history_get_length (mdk_session_get_history (self->session)) > 0);
  /* One save at a time; a project opened meanwhile would take its result. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", !self->user_saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", !self->user_saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", !self->user_saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-recent", !self->user_saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-example", !self->user_saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-all",
                                 mdk_history_get_length (mdk_session_get_history (self->session)) > 0);
}

static void
apply_pace (MdkWindow *self)
{
  for (guint i = 0; i < N_PLOTS; i++)
    mdk_plot_view_set_pace (MDK_PLOT_VIEW (self->plots[i]), self->pace.scale);
}

static gboolean
on_pace_timeout (gpointer data)
{
  MdkWindow *self = data;

  mdk_ui_pace_update (&self->pace);
  apply_pace (self);
  return G_SOURCE_CONTINUE;
}

/* While a run computes, the views slow down when the studio's own CPU time
 * exceeds its budget (mdk-ui-pace.h); at rest they are at full pace. */
static void
update_pace (MdkWindow *self)
{
  gboolean running = mdk_session_get_state (self->session) == MDK_SESSION_RUNNING;

  if (running && self->pace_timeout == 0)
    {
      mdk_ui_pace_init (&self->pace);
      mdk_ui_pace_update (&self->pace);
      self->pace_timeout = g_timeout_add_seconds (1, on_pace_timeout, self);
    }
  else if (!running && self->pace_timeout != 0)
    {
      g_clear_handle_id (&self->pace_timeout, g_source_remove);
      mdk_ui_pace_init (&self->pace);
      apply_pace (self);
    }
}

static void apply_details (MdkWindow *self,
                           MdkReport *report);

static void
on_session_notify (MdkWindow *self)
{
  /* Paused or finished: the views show the latest generation at once,
   * not after the running refresh interval. */
  if (mdk_session_get_state (self->session) != MDK_SESSION_RUNNING && self->pending_details != NULL)
    {
      g_autoptr(MdkReport) report = g_steal_pointer (&self->pending_details);

      g_clear_handle_id (&self->details_timeout, g_source_remove);
      apply_details (self, report);
    }
  mdk_species_list_set_live (MDK_SPECIES_LIST (self->species),
                             mdk_session_get_state (self->session) == MDK_SESSION_RUNNING);
  update_pace (self);
  update_status (self);
  update_actions (self);
  mdk_behaviour_view_set_can_add_points (MDK_BEHAVIOUR_VIEW (self->behaviour),
                                         mdk_session_get_state (self->session) == MDK_SESSION_IDLE);
}

static void
clear_shown_genome (MdkWindow *self)
{
  if (self->shown_genome != NULL)
    self->shown_class->free_genome (self->shown_genome);
  self->shown_genome = NULL;
  self->shown_class = NULL;
}

/* The genome the network and behaviour views show: the champion while
 * following it, else the one picked in the species panel.  A genome of an
 * algorithm without graph genomes is shown read-only through its graph
 * form. */
static void
show_genome (MdkWindow               *self,
             const MdkOptimizerClass *klass,
             gconstpointer            genome,
             MdkTrace                *trace,
             gboolean                 is_champion)
{
  MdkTask *task = mdk_session_get_task (self->session);
  const MdkExperiment *e = mdk_session_get_experiment (self->session);
  gboolean neat = klass == &mdk_neat_class;
  gboolean recurrent = neat && e->optimizer_class == &mdk_neat_class &&
                       ((const MdkNeatParams *) e->optimizer_params)->allow_recurrent;
  g_autoptr(MdkNeatGenome) graph = NULL;
  MdkGenomeInfo info;

  clear_shown_genome (self);
  if (genome != NULL && !neat)
    {
      graph = klass->to_graph != NULL ? klass->to_graph (genome) : NULL;
      self->shown_class = klass;
      self->shown_genome = klass->dup_genome (NULL, genome);
    }
  /* The editor edits a copy; structure gets the run's innovation numbers. */
  mdk_graph_editor_set_read_only (MDK_GRAPH_EDITOR (self->network), !neat);
  mdk_graph_editor_set_genome (MDK_GRAPH_EDITOR (self->network), neat ? genome : graph,
                               neat ? mdk_session_get_innovation (self->session) : NULL, recurrent,
                               task ? (const char * const *) task->input_names : NULL,
                               task ? (const char * const *) task->output_names : NULL);
  gtk_label_set_text (self->network_status, "");
  if (trace != NULL)
    mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (self->behaviour), trace);
  gtk_label_set_text (self->network_title, is_champion ? _("Champion network") : _("Selected network"));
  mdk_lineage_view_set_lineage (MDK_LINEAGE_VIEW (self->lineage), mdk_session_get_lineage (self->session));
  if (genome != NULL)
    {
      klass->describe (klass, genome, &info);
      mdk_lineage_view_show (MDK_LINEAGE_VIEW (self->lineage), info.id);
    }
  update_actions (self);
}

/* The species table and the champion's views cost the UI thread more than
 * the plots, and that time is taken from evaluation: while running they are
 * refreshed twice a second, at rest at once. */
#define DETAILS_INTERVAL_MS 500

static gint64
details_interval_ms (MdkWindow *self)
{
  return (gint64) (DETAILS_INTERVAL_MS * self->pace.scale);
}

static void
apply_details (MdkWindow *self,
               MdkReport *report)
{
  self->last_details = g_get_monotonic_time ();
  mdk_species_list_set_report (MDK_SPECIES_LIST (self->species), report);
  mdk_behaviour_space_view_set_report (MDK_BEHAVIOUR_SPACE_VIEW (self->behaviour_space), report);
  mdk_behaviour_view_set_behaviours (MDK_BEHAVIOUR_VIEW (self->behaviour), report->behaviours,
                                     report->n_behaviour);
  mdk_behaviour_view_set_archive (MDK_BEHAVIOUR_VIEW (self->behaviour), report->archive, report->archive_dims);
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->follow_button)) &&
      report->champion != NULL && report->trace != NULL)
    show_genome (self, report->klass, report->champion, report->trace, TRUE);
}

static gboolean
on_details_timeout (gpointer data)
{
  MdkWindow *self = data;
  MdkReport *report = g_steal_pointer (&self->pending_details);

  self->details_timeout = 0;
  if (report != NULL)
    {
      apply_details (self, report);
      mdk_report_unref (report);
    }
  return G_SOURCE_REMOVE;
}

/* Interactive evolution: the generation as a gallery of what each network
 * does; the person toggles the ones they like. */
static void
show_candidates (MdkWindow *self,
                 MdkReport *report)
{
  GtkWidget *child;
  g_autofree char *hint = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choose_gallery))) != NULL)
    gtk_flow_box_remove (self->choose_gallery, child);
  for (guint i = 0; i < report->candidate_traces->len; i++)
    {
      MdkTrace *trace = report->candidate_traces->pdata[i];
      GtkWidget *view = mdk_behaviour_view_new ();
      GtkWidget *toggle = gtk_toggle_button_new ();

      mdk_behaviour_view_set_can_add_points (MDK_BEHAVIOUR_VIEW (view), FALSE);
      mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (view), trace);
      gtk_widget_set_size_request (view, 150, 150);
      gtk_widget_set_can_target (view, FALSE);
      gtk_widget_set_hexpand (toggle, FALSE);
      gtk_widget_set_halign (toggle, GTK_ALIGN_START);
      gtk_button_set_child (GTK_BUTTON (toggle), view);
      g_object_set_data (G_OBJECT (toggle), "candidate", GUINT_TO_POINTER (i));
      gtk_flow_box_append (self->choose_gallery, toggle);
    }
  /* TRANSLATORS: %u is the generation number */
  hint = g_strdup_printf (_("Generation %u: choose the networks you like, then breed the next generation from them (Ctrl+B)."),
                          report->generation);
  gtk_label_set_text (self->choose_hint, hint);
  gtk_widget_set_visible (self->choose_page, TRUE);
  gtk_stack_set_visible_child (self->plot_stack, self->choose_page);
}

static void
on_report (MdkWindow *self,
           MdkReport *report)
{
  if (report->generation != self->saved_generation)
    set_unsaved (self, TRUE);
  if (report->candidates != NULL && report->candidate_traces != NULL)
    show_candidates (self, report);
  /* The status bar, like the detail views, a few times a second while
   * running: each change costs a frame. */
  if (report->state != MDK_RUNNER_RUNNING ||
      g_get_monotonic_time () - self->last_status >= details_interval_ms (self) * 1000)
    {
      self->last_status = g_get_monotonic_time ();
      update_status (self);
    }
  if (report->species != NULL)
    {
      gint64 since = (g_get_monotonic_time () - self->last_details) / 1000;

      g_clear_pointer (&self->pending_details, mdk_report_unref);
      if (report->state != MDK_RUNNER_RUNNING || since >= details_interval_ms (self) ||
          mdk_session_get_state (self->session) != MDK_SESSION_RUNNING)
        {
          g_clear_handle_id (&self->details_timeout, g_source_remove);
          apply_details (self, report);
        }
      else
        {
          self->pending_details = mdk_report_ref (report);
          if (self->details_timeout == 0)
            self->details_timeout = g_timeout_add (details_interval_ms (self) - since,
                                                   on_details_timeout, self);
        }
    }
  update_actions (self);
}

/* @genome, of @klass, in the views in place of the champion. */
static void
show_picked (MdkWindow               *self,
             const MdkOptimizerClass *klass,
             gconstpointer            genome,
             MdkTask                 *task)
{
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autoptr(MdkTrace) trace = NULL;

  klass->decode (NULL, genome, net);
  trace = mdk_task_trace (task, net);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->follow_button), FALSE);
  show_genome (self, klass, genome, trace, FALSE);
}

static void
on_genome_selected (MdkWindow     *self,
                    gconstpointer  genome)
{
  MdkTask *task = mdk_session_get_task (self->session);
  MdkReport *report = mdk_species_list_get_report (MDK_SPECIES_LIST (self->species));

  if (genome == NULL || task == NULL || report == NULL)
    return;
  /* The report owning the genome (the species list's, the last one with
   * details) must outlive the views' use of it. */
  g_clear_pointer (&self->selected_report, mdk_report_unref);
  self->selected_report = mdk_report_ref (report);
  self->selected_genome = genome;
  show_picked (self, report->klass, genome, task);
}


static void
on_follow_toggled (MdkWindow *self)
{
  MdkReport *report = mdk_session_get_report (self->session);

  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->follow_button)) &&
      report != NULL && report->champion != NULL && report->trace != NULL)
    show_genome (self, report->klass, report->champion, report->trace, TRUE);
}

/* Before a run the behaviour view previews the task's data, drawn for a
 * network with no connections (its outputs sit at the activation of 0). */
static void
show_preview (MdkWindow *self,
              MdkTask   *task)
{
  g_autoptr(MdkNetwork) net = NULL;
  g_autoptr(MdkTrace) trace = NULL;

  if (task != NULL)
    {
      net = mdk_network_new ();
      mdk_network_begin (net, task->n_inputs, task->n_outputs, task->n_inputs + 1 + task->n_outputs);
      for (guint o = 0; o < task->n_outputs; o++)
        mdk_network_set_node (net, task->n_inputs + 1 + o, task->klass->output_activation, 0.0);
      mdk_network_compile (net);
      trace = mdk_task_trace (task, net);
    }
  mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (self->behaviour), trace);
}

static void
on_experiment_changed (MdkWindow *self)
{
  gboolean idle = mdk_session_get_state (self->session) == MDK_SESSION_IDLE;
  const MdkExperiment *e = mdk_session_get_experiment (self->session);
  g_autoptr(MdkTask) task = NULL;
  MdkStatColumns columns;

  self->changes++;
  set_unsaved (self, TRUE);

  mdk_stat_columns_for_experiment (&columns, e);
  for (guint i = 0; i < N_PLOTS; i++)
    mdk_plot_view_set_columns (MDK_PLOT_VIEW (self->plots[i]), &columns);
  update_actions (self);
  /* Points are painted on the data before a run; during one the task is
   * fixed. */
  mdk_behaviour_view_set_can_add_points (MDK_BEHAVIOUR_VIEW (self->behaviour), idle);
  /* The run's task, or the one the experiment would make. */
  task = mdk_session_get_task (self->session) != NULL ? mdk_task_ref (mdk_session_get_task (self->session))
                                                      : mdk_task_new (e->task_class, e->task_params, NULL);
  gtk_widget_set_visible (self->behaviour_space_page, task != NULL && task->n_behaviour >= 2);
  if (idle)
    {
      mdk_behaviour_view_set_behaviours (MDK_BEHAVIOUR_VIEW (self->behaviour), NULL, 0);
      mdk_behaviour_view_set_archive (MDK_BEHAVIOUR_VIEW (self->behaviour), NULL, 0);
      show_preview (self, task);
      clear_shown_genome (self);
      mdk_graph_editor_set_genome (MDK_GRAPH_EDITOR (self->network), NULL, NULL, FALSE, NULL, NULL);
      gtk_label_set_text (self->network_status, "");
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->follow_button), TRUE);
    }
}

/* A point painted on the decision boundary view: the dataset becomes the
 * painted one, starting from the points shown. */
static void
on_point_added (MdkWindow *self,
                double     x,
                double     y,
                guint      cls)
{
  const MdkExperiment *e = mdk_session_get_experiment (self->session);
  g_autofree char *dataset = NULL;
  g_autofree char *points = NULL;
  g_autofree char *updated = NULL;
  g_autoptr(GError) error = NULL;

  if (mdk_session_get_state (self->session) != MDK_SESSION_IDLE || e->task_class != &mdk_task_classify_class)
    return;
  dataset = mdk_session_get_param (self->session, MDK_PARAM_OWNER_TASK, "dataset");
  if (g_strcmp0 (dataset, "custom") == 0)
    points = mdk_session_get_param (self->session, MDK_PARAM_OWNER_TASK, "custom_points");
  else
    {
      g_autoptr(MdkTask) task = mdk_task_new (e->task_class, e->task_params, NULL);
      points = task ? mdk_task_classify_points_to_string (task) : g_strdup ("");
    }
  updated = mdk_task_classify_add_point (points, x, y, cls);
  if (!mdk_session_set_param (self->session, MDK_PARAM_OWNER_TASK, "custom_points", updated, &error) ||
      !mdk_session_set_param (self->session, MDK_PARAM_OWNER_TASK, "dataset", "custom", &error))
    show_error (self, _("The point could not be added"), error->message);
}

static void
run_pause_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (mdk_session_get_state (self->session) == MDK_SESSION_RUNNING)
    mdk_session_pause (self->session);
  else if (!mdk_session_run (self->session, &error))
    show_error (self, _("The experiment cannot start"), error->message);
}

static void
step_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!mdk_session_step (self->session, &error))
    show_error (self, _("The experiment cannot start"), error->message);
}

static void
reset_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);

  g_clear_pointer (&self->selected_report, mdk_report_unref);
  clear_shown_genome (self);
  g_clear_pointer (&self->pending_details, mdk_report_unref);
  g_clear_handle_id (&self->details_timeout, g_source_remove);
  self->selected_genome = NULL;
  mdk_session_reset (self->session);
  mdk_species_list_set_report (MDK_SPECIES_LIST (self->species), NULL);
  mdk_lineage_view_set_lineage (MDK_LINEAGE_VIEW (self->lineage), NULL);
  mdk_distribution_view_set_generation (MDK_DISTRIBUTION_VIEW (self->distribution), -1);
  mdk_behaviour_space_view_set_report (MDK_BEHAVIOUR_SPACE_VIEW (self->behaviour_space), NULL);
  gtk_widget_set_visible (self->choose_page, FALSE);
}

static void
apply_log_scale (MdkWindow *self,
                 gboolean   log_scale)
{
  for (guint i = 0; i < N_PLOTS; i++)
    mdk_plot_view_set_log_scale (MDK_PLOT_VIEW (self->plots[i]), log_scale);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->log_button), log_scale);
}

static void
log_scale_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  gboolean log_scale = !mdk_plot_view_get_log_scale (MDK_PLOT_VIEW (self->plots[0]));
  GSettings *settings = mdk_application_get_settings ();

  apply_log_scale (self, log_scale);
  if (settings != NULL)
    g_settings_set_boolean (settings, "log-scale", log_scale);
}

static void
on_log_scale_setting (MdkWindow *self)
{
  apply_log_scale (self, g_settings_get_boolean (mdk_application_get_settings (), "log-scale"));
}


/* Remembered for the next start. */
static gboolean
on_close_request (GtkWindow *window)
{
  MdkWindow *self = MDK_WINDOW (window);
  GSettings *settings = mdk_application_get_settings ();
  int width, height;

  /* Never while a file is being written: the window closes (or asks)
   * when the saves are done. */
  if (self->jobs > 0)
    {
      self->close_when_done = TRUE;
      update_saving (self);
      return TRUE;
    }
  if (ask_before_closing (self))
    return TRUE;

  if (settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return FALSE;
}

typedef void (*SaveFunc) (MdkWindow *self, GFile *file, gpointer data);

typedef struct
{
  MdkWindow *window;
  SaveFunc   func;
  char      *data;
} SaveRequest;

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  SaveRequest     *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        request->func (request->window, file, request->data);
    }
  g_object_unref (request->window);
  g_free (request->data);
  g_free (request);
  g_object_unref (dialog);
}

static void
ask_file_to_write (MdkWindow  *self,
                   const char *title,
                   const char *accept,
                   const char *suggested,
                   SaveFunc    func,
                   const char *data)
{
  GtkFileChooserNative *chooser;
  SaveRequest *request = g_new0 (SaveRequest, 1);

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                         suggested != NULL ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                           : GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         accept, _("_Cancel"));
  if (suggested != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  request->window = g_object_ref (self);
  request->func = func;
  request->data = g_strdup (data);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
ask_save (MdkWindow  *self,
          const char *title,
          const char *suggested,
          SaveFunc    func,
          const char *data)
{
  ask_file_to_write (self, title, _("_Export"), suggested, func, data);
}

/* What the window holds, by name: the project's file name, a recovered
 * run's project, an example's title; NULL for a new experiment. */
static char *
project_name (MdkWindow *self)
{
  if (self->project_file != NULL)
    return g_file_get_basename (self->project_file);
  if (self->restored_file != NULL)
    return g_file_get_basename (self->restored_file);
  return g_strdup (self->untitled_name);
}

static void
update_title (MdkWindow *self)
{
  g_autofree char *name = project_name (self);
  g_autofree char *title = NULL;

  if (name == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Medaka"));
      return;
    }
  /* TRANSLATORS: the window title: the project's file name, then the app;
   * the second has changes that are not saved yet */
  title = g_strdup_printf (self->unsaved ? _("*%s — Medaka") : _("%s — Medaka"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

#define MAX_RECENT_PROJECTS 10

static void
fill_recent_menu (MdkWindow *self)
{
  GSettings *settings = mdk_application_get_settings ();
  g_auto(GStrv) uris = settings ? g_settings_get_strv (settings, "recent-projects") : NULL;

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; uris != NULL && uris[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (uris[i]));
      g_menu_append_item (self->recent_menu, item);
    }
}

/* The newest first, no repeats. */
static void
remember_recent (GFile *file)
{
  GSettings *settings = mdk_application_get_settings ();
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *uri = g_file_get_uri (file);
  g_auto(GStrv) uris = NULL;
  guint n = 1;

  if (settings == NULL)
    return;
  old = g_settings_get_strv (settings, "recent-projects");
  g_strv_builder_add (builder, uri);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_PROJECTS; i++)
    if (g_strcmp0 (old[i], uri) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  uris = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-projects", (const char * const *) uris);
}

static void
set_unsaved (MdkWindow *self,
             gboolean   unsaved)
{
  if (self->unsaved == unsaved)
    return;
  self->unsaved = unsaved;
  update_title (self);
}

/* The bookmarked networks, each with a button that removes it. */
static void
show_bookmarks (MdkWindow *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->bookmarks))) != NULL)
    gtk_list_box_remove (self->bookmarks, row);
  for (guint i = 0; self->project != NULL && i < mdk_project_get_n_bookmarks (self->project); i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (mdk_project_get_bookmark_label (self->project, i));
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this bookmark"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.remove-bookmark");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", i);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), remove);
      gtk_list_box_append (self->bookmarks, box);
    }
}

/* The notes page shows the project's notes (an example's say what it
 * shows) and bookmarks; typing there changes the notes. */
static void
show_notes (MdkWindow *self)
{
  const char *notes = self->project != NULL ? mdk_project_get_notes (self->project) : NULL;

  self->showing_notes = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes), notes != NULL ? notes : "", -1);
  self->showing_notes = FALSE;
  show_bookmarks (self);
}

static void
on_notes_changed (MdkWindow     *self,
                  GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->showing_notes)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (self->project == NULL)
    self->project = mdk_project_new ();
  mdk_project_set_notes (self->project, text);
  self->changes++;
  set_unsaved (self, TRUE);
}

/* Bookmark @index as a genome of this experiment's algorithm that fits
 * @task, or NULL with the reason. */
static gpointer
bookmark_genome (MdkWindow  *self,
                 guint       index,
                 MdkTask    *task,
                 GError    **error)
{
  const MdkExperiment *e = mdk_session_get_experiment (self->session);
  JsonNode *node = mdk_project_get_bookmark_genome (self->project, index);

  if (e->optimizer_class == &mdk_neat_class)
    {
      g_autoptr(MdkNeatGenome) g = mdk_neat_genome_from_json (node, error);

      if (g == NULL || !mdk_neat_check_genome (e->optimizer_params, task->n_inputs, task->n_outputs, g, error))
        return NULL;
      return g_steal_pointer (&g);
    }
  else
    {
      g_autoptr(MdkEsGenome) g = mdk_es_genome_from_json (node, error);

      if (g == NULL)
        return NULL;
      if (g->mlp->n_inputs != task->n_inputs || g->mlp->n_outputs != task->n_outputs)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The network’s inputs and outputs are not the task’s"));
          return NULL;
        }
      return g_steal_pointer (&g);
    }
}

/* A click on a bookmark shows its network. */
static void
on_bookmark_activated (MdkWindow     *self,
                       GtkListBoxRow *row)
{
  const MdkExperiment *e = mdk_session_get_experiment (self->session);
  g_autoptr(MdkTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gpointer genome;

  task = mdk_session_get_task (self->session) != NULL ? mdk_task_ref (mdk_session_get_task (self->session))
                                                      : mdk_task_new (e->task_class, e->task_params, &error);
  genome = task != NULL ? bookmark_genome (self, gtk_list_box_row_get_index (row), task, &error) : NULL;
  if (genome == NULL)
    {
      show_error (self, _("The bookmarked network cannot be shown"), error->message);
      return;
    }
  show_picked (self, e->optimizer_class, genome, task);
  gtk_label_set_text (self->network_title, _("Bookmarked network"));
  e->optimizer_class->free_genome (genome);
}

/* Keeps the network in the editor in the project, under a label. */
static void
bookmark_network_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  MdkTask *task = mdk_session_get_task (self->session);
  const MdkOptimizerClass *klass = self->shown_genome != NULL ? self->shown_class : &mdk_neat_class;
  gconstpointer genome = self->shown_genome != NULL ? self->shown_genome : editor_genome (self);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *id = NULL, *label = NULL;
  MdkGenomeInfo info;
  guint generation;

  if (genome == NULL)
    return;
  node = mdk_optimizer_genome_document (klass, genome, task ? (const char * const *) task->input_names : NULL,
                                        task ? (const char * const *) task->output_names : NULL, NAN);
  klass->describe (klass, genome, &info);
  g_object_get (self->session, "generation", &generation, NULL);
  id = g_strdup_printf ("%" G_GUINT64_FORMAT, info.id);
  /* TRANSLATORS: a bookmark's label: %s is the genome's id, %u the
   * generation the run had reached */
  label = g_strdup_printf (_("Genome %s, generation %u"), id, generation);
  if (self->project == NULL)
    self->project = mdk_project_new ();
  mdk_project_add_bookmark (self->project, label, node);
  self->changes++;
  set_unsaved (self, TRUE);
  show_bookmarks (self);
  show_status_note (self, _("Bookmarked: the Notes tab lists it"));
}

static void
remove_bookmark_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (self->project == NULL || index >= mdk_project_get_n_bookmarks (self->project))
    return;
  mdk_project_remove_bookmark (self->project, index);
  self->changes++;
  set_unsaved (self, TRUE);
  show_bookmarks (self);
}

/* A save that never holds the UI: the runner takes the snapshot between
 * two generations in its own thread (the run goes on), and serialising,
 * compressing and the atomic write happen in a worker thread on a private
 * copy of the project. */
typedef struct
{
  MdkProject  *project;     /* a copy holding the snapshot */
  GFile       *file;        /* where it goes; for a recovery copy, the project it belongs to */
  MdkRecovery *recovery;    /* for a recovery copy */
  guint        epoch;       /* of the recovery copy when the snapshot was taken */
  char        *title;       /* of an untitled experiment's recovery copy */
  guint        generation;  /* of the snapshot */
  guint        changes;     /* the window's count when it was taken */
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_clear_pointer (&job->project, mdk_project_unref);
  g_clear_object (&job->file);
  g_clear_pointer (&job->recovery, mdk_recovery_unref);
  g_free (job->title);
  g_free (job);
}

static void
save_job_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  SaveJob *job = data;
  GError *error = NULL;
  gboolean ok = job->recovery != NULL
                ? mdk_recovery_write (job->recovery, job->epoch, job->project, job->file, job->title, &error)
                : mdk_project_save (job->project, job->file, &error);

  /* Freeing a large tree takes long too: here, not in the UI thread. */
  g_clear_pointer (&job->project, mdk_project_unref);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* A job for @file (for a recovery copy: the project it belongs to), with
 * the notes and bookmarks; the snapshot comes in start_save_job (). */
static SaveJob *
save_job_new (MdkWindow *self,
              GFile     *file)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->project = self->project != NULL ? mdk_project_dup (self->project) : mdk_project_new ();
  job->changes = self->changes;
  job->file = file != NULL ? g_object_ref (file) : NULL;
  return job;
}

/* The snapshot, in the runner's thread between two generations (or here):
 * the rest goes to a worker thread. */
static void
on_snapshot (JsonNode     *state,
             const GError *error,
             gpointer      data)
{
  GTask *task = data;
  SaveJob *job = g_task_get_task_data (task);

  if (state == NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    {
      job->generation = json_object_get_int_member_with_default (json_node_get_object (state),
                                                                 "generation", 0);
      mdk_project_take_state (job->project, state);
      g_task_run_in_thread (task, save_job_thread);
    }
  g_object_unref (task);
}

/* The UI waits for nothing: the run takes its snapshot after the
 * generation it is on, and goes on. */
static void
start_save_job (MdkWindow           *self,
                SaveJob             *job,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_task_data (task, job, save_job_free);
  self->jobs++;
  mdk_session_snapshot_async (self->session, on_snapshot, task);
}

/* The status bar says a save is running, and whether the window waits for
 * it to close. */
static void
update_saving (MdkWindow *self)
{
  gtk_widget_set_visible (self->saving_box, self->user_saving || (self->close_when_done && self->jobs > 0));
  gtk_label_set_text (self->saving_label, self->close_when_done ? _("Saving… the window closes when it is done")
                                                                : _("Saving…"));
}

/* Destroyed, while a save in flight keeps the object alive. */
static gboolean
is_destroyed (MdkWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);
      if (item == (GObject *) self)
        return FALSE;
    }
  return TRUE;
}

/* A save ended: a window waiting to close goes on closing.  FALSE when the
 * window is already gone (destroyed while the file was written). */
static gboolean
job_done (MdkWindow *self)
{
  self->jobs--;
  if (is_destroyed (self))
    return FALSE;
  update_saving (self);
  update_actions (self);
  if (self->jobs == 0 && self->close_when_done)
    {
      self->close_when_done = FALSE;
      gtk_window_close (GTK_WINDOW (self));
    }
  return TRUE;
}

static void
on_project_saved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MdkWindow *self = MDK_WINDOW (source);
  g_autoptr(GTask) outer = user_data;
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  guint generation;

  self->user_saving = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The window stays, so the work can be saved elsewhere. */
      self->close_after_save = FALSE;
      self->close_when_done = FALSE;
      job_done (self);
      g_task_return_error (outer, error);
      return;
    }
  if (is_destroyed (self))
    {
      /* Destroyed meanwhile: the file is written all the same. */
      job_done (self);
      g_task_return_boolean (outer, TRUE);
      return;
    }
  g_set_object (&self->project_file, job->file);
  g_clear_object (&self->restored_file);
  g_clear_pointer (&self->untitled_name, g_free);
  self->example_id = NULL;
  /* The saved file is newer than any recovery copy. */
  remove_recovery (self);
  self->saved_generation = job->generation;
  /* Unsaved only if the run or the experiment moved on meanwhile. */
  g_object_get (self->session, "generation", &generation, NULL);
  self->unsaved = job->changes != self->changes || generation > job->generation;
  update_title (self);
  remember_recent (job->file);
  /* Then a window waiting to close closes, asking about newer work. */
  job_done (self);
  g_task_return_boolean (outer, TRUE);
  if (self->close_after_save)
    gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * mdk_window_save_project_async:
 *
 * Saves the experiment and its whole run with the project's notes and
 * bookmarks to @file, atomically, in a worker thread; Save then writes
 * there.  The snapshot is taken now, between generations, and the run goes
 * on.  The window shows that it is saving, takes no other Save or Open
 * meanwhile, and clears its unsaved mark when the file is written.
 */
void
mdk_window_save_project_async (MdkWindow           *self,
                               GFile               *file,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  SaveJob *job;

  g_return_if_fail (MDK_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (self, NULL, callback, user_data);
  if (self->user_saving)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("The project is being saved already"));
      return;
    }
  job = save_job_new (self, file);
  self->user_saving = TRUE;
  start_save_job (self, job, on_project_saved, g_steal_pointer (&outer));
  update_saving (self);
  update_actions (self);
}

gboolean
mdk_window_save_project_finish (MdkWindow     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_recovery_written (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MdkWindow *self = MDK_WINDOW (source);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* Nobody asked for it: a failure is only worth a line in the log, and
   * candidates waiting for a choice not even that. */
  if (g_task_propagate_boolean (G_TASK (result), &error))
    self->recovery_generation = job->generation;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
    g_debug ("No recovery copy now: %s", error->message);
  else
    g_message ("The recovery copy was not written: %s", error->message);
  job_done (self);
}

/* Every few minutes: a recovery copy of a run with unsaved generations,
 * taken like a save and written in a worker thread. */
static gboolean
on_autosave (gpointer data)
{
  MdkWindow *self = data;
  guint generation;
  SaveJob *job;

  g_object_get (self->session, "generation", &generation, NULL);
  if (self->jobs > 0 || !self->unsaved || generation == 0 || generation == self->recovery_generation ||
      mdk_session_get_state (self->session) == MDK_SESSION_IDLE)
    return G_SOURCE_CONTINUE;
  job = save_job_new (self, self->project_file != NULL ? self->project_file : self->restored_file);
  if (self->recovery == NULL)
    self->recovery = mdk_recovery_new ();
  job->recovery = mdk_recovery_ref (self->recovery);
  job->epoch = mdk_recovery_get_epoch (self->recovery);
  job->title = g_strdup (self->untitled_name);
  start_save_job (self, job, on_recovery_written, NULL);
  return G_SOURCE_CONTINUE;
}

/* The interval is a setting, in seconds; 0 turns recovery copies off. */
static void
schedule_autosave (MdkWindow *self)
{
  GSettings *settings = mdk_application_get_settings ();
  guint seconds = settings != NULL ? g_settings_get_uint (settings, "autosave-interval") : 180;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (seconds > 0)
    self->autosave_id = g_timeout_add_seconds (seconds, on_autosave, self);
}

static void
remove_recovery (MdkWindow *self)
{
  if (self->recovery != NULL)
    mdk_recovery_remove (self->recovery);
  self->recovery_generation = 0;
}

/* TRUE while a Save the user asked for is running. */
gboolean
mdk_window_is_saving (MdkWindow *self)
{
  g_return_val_if_fail (MDK_IS_WINDOW (self), FALSE);
  return self->user_saving;
}

/* Puts @run (taken over) in the window, paused, as saved, with the notes
 * and bookmarks of @project (taken over too); the caller names it. */
static void
take_run (MdkWindow  *self,
          MdkRun     *run,
          MdkProject *project)
{
  self->saved_generation = mdk_run_get_generation (run);
  mdk_session_load_run (self->session, run);
  /* The window keeps only the notes and bookmarks: saves take the state
   * from the run. */
  mdk_project_set_state (project, NULL);
  g_clear_pointer (&self->project, mdk_project_unref);
  self->project = project;
  g_clear_object (&self->project_file);
  g_clear_object (&self->restored_file);
  g_clear_pointer (&self->untitled_name, g_free);
  self->example_id = NULL;
  /* A recovery copy is of the run this one replaces. */
  remove_recovery (self);
  show_notes (self);
  self->unsaved = FALSE;
}

/**
 * mdk_window_open_project:
 *
 * Opens @file: its experiment and run replace the current ones (paused,
 * with their history); the project's notes and bookmarks are kept for the
 * next save.  A file that cannot be read leaves everything as it was.
 */
gboolean
mdk_window_open_project (MdkWindow  *self,
                         GFile      *file,
                         GError    **error)
{
  g_autoptr(MdkProject) project = NULL;
  MdkRun *run = NULL;

  if (self->user_saving)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("Wait until the project is saved"));
      return FALSE;
    }
  project = mdk_project_load (file, error);
  if (project == NULL)
    return FALSE;
  run = mdk_run_state_load_project (project, error);
  if (run == NULL)
    return FALSE;
  take_run (self, run, g_steal_pointer (&project));
  g_set_object (&self->project_file, file);
  update_title (self);
  remember_recent (file);
  return TRUE;
}

/* Opens @file, or says in a dialog why it cannot. */
void
mdk_window_open_file (MdkWindow *self,
                      GFile     *file)
{
  g_autoptr(GError) error = NULL;

  if (!mdk_window_open_project (self, file, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *title = g_strdup_printf (_("“%s” could not be opened"), name);
      show_error (self, title, error->message);
    }
}

/* Nothing to lose: a new experiment, untouched, with no run. */
gboolean
mdk_window_is_pristine (MdkWindow *self)
{
  g_return_val_if_fail (MDK_IS_WINDOW (self), FALSE);
  return mdk_session_get_state (self->session) == MDK_SESSION_IDLE && !self->unsaved &&
         self->project_file == NULL && self->restored_file == NULL && self->untitled_name == NULL &&
         self->jobs == 0;
}

/**
 * mdk_window_restore:
 *
 * Continues @run (taken over) from a recovery copy, paused, marked unsaved
 * under the name of the project it belongs to; @project gives the notes and
 * bookmarks.  The window takes over @recovery, which stays until the work
 * is saved or the window closes.  Save asks before writing over the
 * project's file; an untitled run is saved with Save As.
 */
void
mdk_window_restore (MdkWindow   *self,
                    MdkRun      *run,
                    MdkProject  *project,
                    MdkRecovery *recovery)
{
  GFile *original = mdk_recovery_get_original (recovery);

  g_return_if_fail (MDK_IS_WINDOW (self));
  take_run (self, run, mdk_project_dup (project));
  /* The copy holds this generation; the file, none of it. */
  self->recovery_generation = self->saved_generation;
  self->saved_generation = G_MAXUINT;
  g_set_object (&self->restored_file, original);
  if (original == NULL)
    self->untitled_name = g_strdup (mdk_recovery_get_title (recovery) != NULL ? mdk_recovery_get_title (recovery)
                                                                             : _("Recovered experiment"));
  g_clear_pointer (&self->recovery, mdk_recovery_unref);
  self->recovery = mdk_recovery_ref (recovery);
  self->unsaved = TRUE;
  update_title (self);
}

/* For tests: the window's recovery copy, or NULL before the first. */
MdkRecovery *
mdk_window_get_recovery (MdkWindow *self)
{
  g_return_val_if_fail (MDK_IS_WINDOW (self), NULL);
  return self->recovery;
}

/**
 * mdk_window_open_example:
 *
 * Opens the shipped example @id as an untitled copy, titled after it: Save
 * asks where, and the shipped file is never written.
 */
gboolean
mdk_window_open_example (MdkWindow   *self,
                         const char  *id,
                         GError     **error)
{
  const MdkExample *example = mdk_example_lookup (id);
  g_autoptr(MdkProject) project = NULL;
  MdkRun *run;

  g_return_val_if_fail (MDK_IS_WINDOW (self), FALSE);
  if (example == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no example “%s”"), id);
      return FALSE;
    }
  if (self->user_saving)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("Wait until the project is saved"));
      return FALSE;
    }
  project = mdk_example_load (example, error);
  if (project == NULL)
    return FALSE;
  run = mdk_run_state_load_project (project, error);
  if (run == NULL)
    return FALSE;
  /* Before the run arrives, which is then as saved. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->interactive_button), example->interactive);
  take_run (self, run, g_steal_pointer (&project));
  /* TRANSLATORS: the name of an example project in the window title */
  self->untitled_name = g_strdup_printf (_("%s (example)"), _(example->title));
  self->example_id = example->id;
  update_title (self);
  return TRUE;
}

/* In this window while it holds nothing, else in a new one. */
static void
open_example_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!mdk_window_is_pristine (self))
    {
      self = mdk_window_new (gtk_window_get_application (GTK_WINDOW (widget)));
      gtk_window_present (GTK_WINDOW (self));
    }
  if (!mdk_window_open_example (self, g_variant_get_string (parameter, NULL), &error))
    show_error (self, _("The example could not be opened"), error->message);
}

/* A new project: a window with the default experiment (this one keeps its
 * run). */
static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdkWindow *window = mdk_window_new (gtk_window_get_application (GTK_WINDOW (widget)));

  gtk_window_present (GTK_WINDOW (window));
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  MdkWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      mdk_window_open_file (self, file);
    }
  g_object_unref (self);
  g_object_unref (dialog);
}

static void
open_recent_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  mdk_window_open_file (MDK_WINDOW (widget), file);
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Project"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Medaka projects"));
  gtk_file_filter_add_pattern (filter, "*.medaka");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_save_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MdkWindow *self = MDK_WINDOW (source);
  g_autoptr(GError) error = NULL;

  if (!mdk_window_save_project_finish (self, result, &error))
    show_error (self, _("The project could not be saved"), error->message);
}

static void
save_project (MdkWindow *self,
              GFile     *file,
              gpointer   data)
{
  mdk_window_save_project_async (self, file, on_save_done, NULL);
}

static void
save_as_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  g_autofree char *suggested = NULL;

  /* The project's file name; an example's, or the task's, for an
   * untitled one. */
  if (self->untitled_name == NULL)
    suggested = project_name (self);
  if (suggested == NULL)
    suggested = g_strconcat (self->example_id != NULL ? self->example_id
                                                      : mdk_session_get_experiment (self->session)->task_class->id,
                             ".medaka", NULL);

  ask_file_to_write (self, _("Save Project"), _("_Save"), suggested, save_project, NULL);
}

enum { RESPONSE_DISCARD = 1, RESPONSE_SAVE = 2 };

static void
on_close_response (GtkDialog *dialog,
                   int        response,
                   MdkWindow *self)
{
  /* The window may go before the dialog is finalized. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == RESPONSE_DISCARD)
    {
      self->discarded = TRUE;
      self->unsaved = FALSE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (response == RESPONSE_SAVE)
    {
      self->close_after_save = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save", NULL);
    }
}

/* Unsaved work: ask to save, discard or cancel; TRUE keeps the window. */
static gboolean
ask_before_closing (MdkWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *question = NULL;

  if (!self->unsaved || self->discarded)
    return FALSE;
  name = project_name (self);
  if (name != NULL)
    question = g_strdup_printf (_("Save the changes to “%s” before closing?"), name);
  else
    question = g_strdup (_("Save the changes to the experiment before closing?"));
  mdk_question_show (GTK_WINDOW (self), question,
                     _("If you don’t save, the run and its changes since the last save are lost."),
                     RESPONSE_SAVE, RESPONSE_DISCARD, G_CALLBACK (on_close_response), self,
                     _("_Cancel"), GTK_RESPONSE_CANCEL, _("_Discard"), RESPONSE_DISCARD,
                     _("_Save"), RESPONSE_SAVE, NULL);
  return TRUE;
}

enum { RESPONSE_SAVE_AS = 3, RESPONSE_REPLACE = 4 };

static void
on_replace_response (GtkDialog *dialog,
                     int        response,
                     MdkWindow *self)
{
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == RESPONSE_REPLACE && self->restored_file != NULL)
    {
      g_autoptr(GFile) file = g_object_ref (self->restored_file);
      save_project (self, file, NULL);
    }
  else if (response == RESPONSE_SAVE_AS)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as", NULL);
  else
    self->close_after_save = FALSE;
}

/* A recovered run goes back to its project's file only once the user says
 * so: the file may hold work saved after the copy was taken. */
static void
ask_before_replacing (MdkWindow *self)
{
  g_autofree char *name = g_file_get_basename (self->restored_file);
  g_autofree char *question = g_strdup_printf (_("Replace “%s” with the recovered run?"), name);

  mdk_question_show (GTK_WINDOW (self), question,
                     _("The file holds the project as it was last saved. Replacing it loses that version; Save As keeps both."),
                     RESPONSE_SAVE_AS, RESPONSE_REPLACE, G_CALLBACK (on_replace_response), self,
                     _("_Cancel"), GTK_RESPONSE_CANCEL, _("Save _As…"), RESPONSE_SAVE_AS,
                     _("_Replace"), RESPONSE_REPLACE, NULL);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);

  if (self->project_file != NULL)
    save_project (self, self->project_file, NULL);
  else if (self->restored_file != NULL)
    ask_before_replacing (self);
  else
    save_as_activated (widget, action_name, parameter);
}

static void
save_plot (MdkWindow *self,
           GFile     *file,
           gpointer   data)
{
  GtkWidget *plot = gtk_stack_get_visible_child (self->plot_stack);
  g_autoptr(GError) error = NULL;

  if (plot == self->behaviour_space_page)
    plot = self->behaviour_space;
  if ((MDK_IS_PLOT_VIEW (plot) && !mdk_plot_view_export (MDK_PLOT_VIEW (plot), file, data, &error)) ||
      (MDK_IS_BEHAVIOUR_SPACE_VIEW (plot) &&
       !mdk_behaviour_space_view_export (MDK_BEHAVIOUR_SPACE_VIEW (plot), file, data, &error)))
    show_error (self, _("The plot could not be exported"), error->message);
}

static void
export_plot_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  const char *format = parameter ? g_variant_get_string (parameter, NULL) : "png";
  const char *name = gtk_stack_get_visible_child_name (self->plot_stack);
  g_autofree char *suggested = g_strdup_printf ("%s.%s", name ? name : "plot", format);

  ask_save (self, _("Export Plot"), suggested, save_plot, format);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MdkWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    show_error (self, _("The file could not be written"), error->message);
}

/* Writes in the background: the main loop never waits on the disk. */
static void
write_file_async (MdkWindow *self,
                  GFile     *file,
                  char      *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

  g_file_replace_contents_bytes_async (file, bytes, NULL, TRUE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, on_written, g_object_ref (self));
}

static void
save_history (MdkWindow *self,
              GFile     *file,
              gpointer   data)
{
  GArray *rows = mdk_history_get_rows (mdk_session_get_history (self->session));
  MdkStatColumns columns;

  mdk_stat_columns_for_experiment (&columns, mdk_session_get_experiment (self->session));
  write_file_async (self, file, mdk_stats_rows_to_csv ((const MdkGenerationStats *) rows->data, rows->len,
                                                       &columns));
}

static void
export_history_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ask_save (MDK_WINDOW (widget), _("Export History"), "history.csv", save_history, NULL);
}

/* The champion with its fitness and the task's names: what the champion
 * exports write, here and in medaka-cli export. */
static gboolean
champion_source (MdkWindow       *self,
                 MdkExportSource *source)
{
  MdkReport *report = mdk_session_get_report (self->session);
  MdkTask *task = mdk_session_get_task (self->session);

  gboolean neat;

  if (report == NULL || report->champion == NULL || task == NULL)
    return FALSE;
  /* Another algorithm's champion is written through its graph form, kept
   * until the next call. */
  neat = report->klass == &mdk_neat_class;
  g_clear_pointer (&self->export_graph, mdk_neat_genome_free);
  if (!neat && report->klass->to_graph != NULL)
    self->export_graph = report->klass->to_graph (report->champion);
  if (!neat && self->export_graph == NULL)
    return FALSE;
  mdk_stat_columns_for_experiment (&self->export_columns, mdk_session_get_experiment (self->session));
  *source = (MdkExportSource) {
    .history = mdk_session_get_history (self->session),
    .klass = report->klass,
    .columns = &self->export_columns,
    .genome = neat ? report->champion : self->export_graph,
    .native = neat ? NULL : report->champion,
    .fitness = report->champion_result.fitness,
    .genome_name = "champion",
    .input_names = (const char * const *) task->input_names,
    .output_names = (const char * const *) task->output_names,
  };
  return TRUE;
}

static void
save_champion (MdkWindow *self,
               GFile     *file,
               gpointer   data)
{
  MdkExportSource source;
  g_autoptr(GError) error = NULL;

  if (champion_source (self, &source) && !mdk_export_write_genome (&source, file, data, &error))
    show_error (self, _("The champion could not be exported"), error->message);
}

/* The champion as JSON, DOT, C or a drawing. */
static void
export_champion_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  const char *format = parameter != NULL ? g_variant_get_string (parameter, NULL) : "json";
  g_autofree char *suggested = g_strdup_printf ("champion.%s", format);

  ask_save (MDK_WINDOW (widget), _("Export Champion"), suggested, save_champion, format);
}

static gboolean
clear_status_note (gpointer data)
{
  MdkWindow *self = data;

  self->note_timeout = 0;
  gtk_label_set_text (self->status_note, "");
  return G_SOURCE_REMOVE;
}

/* A message in the status bar for a while. */
static void
show_status_note (MdkWindow  *self,
                  const char *message)
{
  gtk_label_set_text (self->status_note, message);
  g_clear_handle_id (&self->note_timeout, g_source_remove);
  self->note_timeout = g_timeout_add_seconds (10, clear_status_note, self);
}

/* Export All: the files of medaka-cli export, written in a thread from
 * copies, since the run may go on meanwhile. */
typedef struct
{
  MdkWindow     *window;
  GFile         *dir;
  MdkHistory    *history;
  const MdkOptimizerClass *klass;
  MdkStatColumns columns;
  MdkBehaviourSpace *behaviours; /* the map and archive, shared read-only */
  MdkNeatGenome *genome;         /* NULL before the first generation */
  gpointer       native;         /* the genome in its own form, if not NEAT */
  double         fitness;
  char         **input_names;
  char         **output_names;
  GArray        *plan;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_object_unref (job->window);
  g_object_unref (job->dir);
  g_object_unref (job->history);
  g_clear_pointer (&job->genome, mdk_neat_genome_free);
  mdk_behaviour_space_free (job->behaviours);
  if (job->native != NULL)
    job->klass->free_genome (job->native);
  g_strfreev (job->input_names);
  g_strfreev (job->output_names);
  g_clear_pointer (&job->plan, g_array_unref);
  g_free (job);
}

/* What medaka-cli export draws of the behaviour space: the map and the
 * archive, which a saved run holds (not the last generation's behaviours). */
static MdkBehaviourSpace *
behaviours_to_export (MdkWindow *self)
{
  MdkBehaviourSpace *shown = mdk_behaviour_space_view_get_space (MDK_BEHAVIOUR_SPACE_VIEW (self->behaviour_space));
  MdkBehaviourSpace *space = mdk_behaviour_space_new ();
  guint dims;
  GArray *archive = mdk_behaviour_space_get_archive (shown, &dims);

  mdk_behaviour_space_set_map (space, mdk_behaviour_space_get_map (shown));
  mdk_behaviour_space_set_archive (space, archive, dims);
  return space;
}

static MdkExportSource
job_source (const ExportJob *job)
{
  return (MdkExportSource) {
    .history = job->history,
    .klass = job->klass,
    .columns = &job->columns,
    .behaviours = job->behaviours,
    .genome = job->genome,
    .native = job->native,
    .fitness = job->fitness,
    .genome_name = "champion",
    .input_names = (const char * const *) job->input_names,
    .output_names = (const char * const *) job->output_names,
  };
}

static void
export_all_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ExportJob *job = task_data;
  MdkExportSource source = job_source (job);
  GError *error = NULL;

  if (!g_file_make_directory_with_parents (job->dir, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);
  if (mdk_export_write (&source, job->plan, job->dir, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_exported_all (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MdkWindow *self = MDK_WINDOW (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)   /* closed meanwhile */
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_error (self, _("The results could not be exported"), error->message);
  else
    {
      g_autofree char *name = g_file_get_parse_name (job->dir);
      g_autofree char *text = NULL;

      /* TRANSLATORS: %u is a count of files, %s a folder */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u file to “%s”",
                                           "Exported %u files to “%s”", job->plan->len),
                              job->plan->len, name);
      show_status_note (self, text);
    }
}

static void
start_export_all (ExportJob *job)
{
  g_autoptr(GTask) task = g_task_new (job->window, NULL, on_exported_all, NULL);

  show_status_note (job->window, _("Exporting…"));
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_all_thread);
}

static void
on_export_replace_response (GtkDialog *dialog,
                            int        response,
                            ExportJob *job)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    start_export_all (job);
  else
    export_job_free (job);
}

void
mdk_window_export_all (MdkWindow *self,
                       GFile     *dir)
{
  ExportJob *job;
  MdkExportSource source;
  guint existing = 0;
  GtkWidget *dialog;
  g_autofree char *name = NULL;

  g_return_if_fail (MDK_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (dir));

  job = g_new0 (ExportJob, 1);
  job->window = g_object_ref (self);
  job->dir = g_object_ref (dir);
  job->history = mdk_history_copy (mdk_session_get_history (self->session));
  job->klass = mdk_session_get_experiment (self->session)->optimizer_class;
  mdk_stat_columns_for_experiment (&job->columns, mdk_session_get_experiment (self->session));
  job->behaviours = behaviours_to_export (self);
  job->fitness = NAN;
  if (champion_source (self, &source))
    {
      job->klass = source.klass;
      job->genome = mdk_neat_genome_copy (source.genome);
      job->native = source.native != NULL ? source.klass->dup_genome (NULL, source.native) : NULL;
      job->fitness = source.fitness;
      job->input_names = g_strdupv ((char **) source.input_names);
      job->output_names = g_strdupv ((char **) source.output_names);
    }
  source = job_source (job);
  job->plan = mdk_export_plan (&source, MDK_EXPORT_ALL, NULL);

  for (guint i = 0; i < job->plan->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (dir, g_array_index (job->plan, MdkExportFile, i).name);
      existing += g_file_query_exists (file, NULL);
    }
  if (existing == 0)
    {
      start_export_all (job);
      return;
    }

  /* Files of an earlier export are only replaced when the user says so. */
  name = g_file_get_basename (dir);
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Replace the files in “%s”?"), name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            g_dngettext (GETTEXT_PACKAGE,
                                                         "%u file of an earlier export will be replaced.",
                                                         "%u files of an earlier export will be replaced.",
                                                         existing),
                                            existing);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Replace"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_replace_response), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_all (MdkWindow *self,
          GFile     *dir,
          gpointer   data)
{
  mdk_window_export_all (self, dir);
}

static void
export_all_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ask_file_to_write (MDK_WINDOW (widget), _("Export All Results to a Folder"), _("_Export"), NULL,
                     save_all, NULL);
}

static gboolean
clear_network_status (gpointer data)
{
  MdkWindow *self = data;

  self->status_timeout = 0;
  gtk_label_set_text (self->network_status, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->network_status), "param-error");
  return G_SOURCE_REMOVE;
}

/* A refusal from the editor (e.g. a connection that would close a loop),
 * shown for a few seconds. */
static void
show_network_note (MdkWindow  *self,
                   const char *message,
                   gboolean    is_error)
{
  gtk_label_set_text (self->network_status, message);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->network_status), "param-error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->network_status), "param-error");
  g_clear_handle_id (&self->status_timeout, g_source_remove);
  self->status_timeout = g_timeout_add_seconds (6, clear_network_status, self);
}

static void
on_editor_message (MdkWindow  *self,
                   const char *message)
{
  show_network_note (self, message, TRUE);
}

/* Editing pauses following the champion, or the next report would replace
 * what the user is working on. */
static void
on_editing_started (MdkWindow *self)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->follow_button), FALSE);
  gtk_label_set_text (self->network_title, _("Edited network"));
}

/* The edited network is evaluated on the task at once, and the behaviour
 * view shows what it does: the interactive-demo feel. */
static void
on_network_edited (MdkWindow *self)
{
  const MdkNeatGenome *genome = mdk_graph_editor_get_genome (MDK_GRAPH_EDITOR (self->network));
  MdkTask *task = mdk_session_get_task (self->session);
  g_autoptr(MdkNetwork) net = NULL;
  g_autoptr(MdkTrace) trace = NULL;
  g_autofree char *text = NULL;
  MdkEvalResult result;
  MdkRng rng;

  if (genome == NULL || task == NULL)
    return;
  net = mdk_network_new ();
  mdk_neat_genome_decode (genome, net);
  mdk_rng_init (&rng, mdk_session_get_experiment (self->session)->seed);
  mdk_task_evaluate (task, net, &rng, &result);
  trace = mdk_task_trace (task, net);
  if (trace != NULL)
    mdk_behaviour_view_set_trace (MDK_BEHAVIOUR_VIEW (self->behaviour), trace);
  g_clear_handle_id (&self->status_timeout, g_source_remove);
  gtk_widget_remove_css_class (GTK_WIDGET (self->network_status), "param-error");
  text = g_strdup_printf (_("Fitness %.6g"), result.fitness);
  gtk_label_set_text (self->network_status, text);
}

static void
seed_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!editable_genome (self))
    return;
  if (!mdk_session_seed_population (self->session, editor_genome (self), &error))
    show_error (self, _("The population cannot be seeded from this network"), error->message);
  else
    show_network_note (self, _("The next generation will be mutated copies of this network."), FALSE);
}

static void
insert_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!editable_genome (self))
    return;
  if (!mdk_session_insert_genome (self->session, editor_genome (self), &error))
    show_error (self, _("The network cannot join the population"), error->message);
  else
    show_network_note (self, _("The network replaces the worst genome from the next generation on."), FALSE);
}

/* Importing a genome file: it appears in the network editor, which can
 * then seed or join the population as for any edited network. */

enum { RESPONSE_INSERT = 3, RESPONSE_SEED = 4 };

static void
on_import_genome_response (GtkDialog *dialog,
                           int        response,
                           MdkWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == RESPONSE_SEED)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.seed-from-network", NULL);
  else if (response == RESPONSE_INSERT)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.insert-network", NULL);
}

/**
 * mdk_window_import_genome:
 *
 * Shows the genome of @file (a genome or champion document) in the network
 * editor and asks whether to seed a new population from it or insert it.
 * A genome that does not fit the task changes nothing.
 */
gboolean
mdk_window_import_genome (MdkWindow  *self,
                          GFile      *file,
                          GError    **error)
{
  const MdkExperiment *e = mdk_session_get_experiment (self->session);
  g_autoptr(MdkNeatGenome) genome = mdk_neat_genome_load (file, error);
  g_autoptr(MdkTask) task = NULL;
  g_autoptr(MdkNetwork) net = NULL;
  g_autoptr(MdkTrace) trace = NULL;
  g_autofree char *name = g_file_get_basename (file);
  GtkWidget *dialog;

  if (genome == NULL)
    return FALSE;
  if (e->optimizer_class != &mdk_neat_class)
    {
      g_set_error_literal (error, MDK_NEAT_GENOME_ERROR, MDK_NEAT_GENOME_ERROR_INVALID,
                           _("Only a NEAT run can take a network into its population"));
      return FALSE;
    }
  task = mdk_session_get_task (self->session) ? mdk_task_ref (mdk_session_get_task (self->session))
                                              : mdk_task_new (e->task_class, e->task_params, error);
  if (task == NULL ||
      !mdk_neat_check_genome (e->optimizer_params, task->n_inputs, task->n_outputs, genome, error))
    return FALSE;

  net = mdk_network_new ();
  mdk_neat_genome_decode (genome, net);
  trace = mdk_task_trace (task, net);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->follow_button), FALSE);
  show_genome (self, &mdk_neat_class, genome, trace, FALSE);
  gtk_label_set_text (self->network_title, _("Imported network"));

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("The network of “%s” is in the editor"), name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Seed a new population from it, insert it into the population, or only show it to look at it or edit it first (the buttons above the network do the same later)."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Only Show"), GTK_RESPONSE_CANCEL,
                          _("_Insert into Population"), RESPONSE_INSERT,
                          _("_Seed New Population"), RESPONSE_SEED, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), RESPONSE_SEED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_genome_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* What could not be mapped, in a list under the message. */
static void
show_import_report (MdkWindow  *self,
                    const char *name,
                    GPtrArray  *settings)
{
  guint n = mdk_neat_config_count_unsupported (settings);
  g_autofree char *secondary = NULL;
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   n > 0 ? GTK_MESSAGE_WARNING : GTK_MESSAGE_INFO, GTK_BUTTONS_CLOSE,
                                   _("“%s” was imported"), name);
  secondary = n > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "%u setting could not be mapped; Medaka keeps its own behaviour there:",
                                                    "%u settings could not be mapped; Medaka keeps its own behaviour there:",
                                                    n), n)
                    : g_strdup (_("Every setting was mapped onto Medaka’s parameters."));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  if (n > 0)
    {
      g_autofree char *list = mdk_neat_config_list (settings, FALSE);
      g_auto(GStrv) lines = g_strsplit (g_strchomp (list), "\n", -1);
      g_autofree char *spaced = g_strjoinv ("\n\n", lines);
      GtkWidget *label = gtk_label_new (spaced);
      GtkWidget *scroller = gtk_scrolled_window_new ();

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 60);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 80);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
      gtk_widget_set_name (label, "unsupported-settings");
      gtk_box_append (GTK_BOX (gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (dialog))), scroller);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * mdk_window_import_neat_config:
 *
 * Opens a new window on the experiment of the neat-python configuration
 * @file: NEAT with the file's settings, on XOR, or on this window's task
 * when the file's network does not fit XOR.  A dialog lists the settings
 * that could not be mapped; the project's notes keep the whole report.
 *
 * Returns: (transfer none): the new window, or NULL with @error set.
 */
MdkWindow *
mdk_window_import_neat_config (MdkWindow  *self,
                               GFile      *file,
                               GError    **error)
{
  const MdkExperiment *current = mdk_session_get_experiment (self->session);
  g_autoptr(MdkExperiment) xor = mdk_experiment_copy (current);
  g_autoptr(MdkExperiment) experiment = NULL;
  g_autoptr(GPtrArray) settings = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *report = NULL;
  gsize length = 0;
  MdkRun *run = NULL;
  MdkWindow *window;

  if (!g_file_load_contents (file, NULL, &text, &length, NULL, error))
    return NULL;
  mdk_experiment_set_task (xor, &mdk_task_xor_class);
  experiment = mdk_neat_config_import (text, length, xor, &settings, &local);
  if (experiment == NULL && g_error_matches (local, MDK_NEAT_CONFIG_ERROR, MDK_NEAT_CONFIG_ERROR_TASK) &&
      current->task_class != &mdk_task_xor_class)
    {
      g_clear_error (&local);
      experiment = mdk_neat_config_import (text, length, current, &settings, &local);
    }
  if (experiment == NULL || (run = mdk_run_new (experiment, &local)) == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  window = mdk_window_new (gtk_window_get_application (GTK_WINDOW (self)));
  mdk_session_load_run (window->session, run);
  report = mdk_neat_config_report (name, experiment->task_class->id, settings);
  window->project = mdk_project_new ();
  mdk_project_set_notes (window->project, report);
  show_notes (window);
  gtk_window_present (GTK_WINDOW (window));
  show_import_report (window, name, settings);
  return window;
}

/* From the file chooser: @data says what the file is; failures in a dialog. */
static void
import_file (MdkWindow *self,
             GFile     *file,
             gpointer   data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = g_str_equal (data, "genome") ? mdk_window_import_genome (self, file, &error)
                                             : mdk_window_import_neat_config (self, file, &error) != NULL;

  if (!ok)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *title = g_strdup_printf (_("“%s” could not be imported"), name);
      show_error (self, title, error->message);
    }
}

static void
ask_file_to_read (MdkWindow  *self,
                  const char *title,
                  const char *filter_name,
                  const char *patterns,
                  const char *kind)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_auto(GStrv) list = g_strsplit (patterns, " ", -1);
  SaveRequest *request = g_new0 (SaveRequest, 1);

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, filter_name);
  for (guint i = 0; list[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, list[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  request->window = g_object_ref (self);
  request->func = import_file;
  request->data = g_strdup (kind);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_genome_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ask_file_to_read (MDK_WINDOW (widget), _("Import Genome"), _("Medaka genomes (JSON)"), "*.json", "genome");
}

static void
import_neat_config_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  /* neat-python's examples name theirs "config-feedforward" and the like. */
  ask_file_to_read (MDK_WINDOW (widget), _("Import neat-python Configuration"),
                    _("neat-python configurations"), "*.ini *.cfg *.txt config*", "neat");
}

/* The network in the editor next to the run's champion, genes aligned by
 * innovation number as crossover sees them. */
static void
compare_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  MdkReport *report = mdk_session_get_report (self->session);
  const MdkExperiment *e = mdk_session_get_experiment (self->session);
  GtkWidget *dialog, *compare;

  if (!editable_genome (self) || report == NULL || report->champion == NULL)
    return;
  dialog = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (dialog), _("Compare Networks"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 900, 700);
  compare = mdk_genome_compare_new ();
  mdk_genome_compare_set_genomes (MDK_GENOME_COMPARE (compare), editor_genome (self),
                                  gtk_label_get_text (self->network_title),
                                  report->champion, _("Champion of the run"),
                                  e->optimizer_class == &mdk_neat_class ? e->optimizer_params : NULL);
  gtk_window_set_child (GTK_WINDOW (dialog), compare);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Steps of one "Backprop more" when the run itself does not backprop. */
#define BACKPROP_MORE_STEPS 200

/* Backprop more: gradient steps for the network in the editor with the
 * experiment's learning settings (as many steps as each genome takes in the
 * run, or BACKPROP_MORE_STEPS), as one undoable edit; the behaviour view
 * then shows what it learned. */
static void
backprop_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  const MdkExperiment *e = mdk_session_get_experiment (self->session);
  const MdkNeatParams *params = e->optimizer_params;
  MdkTask *task = mdk_session_get_task (self->session);
  g_autoptr(MdkNeatGenome) trained = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  double before, after;
  guint steps;
  MdkRng rng;

  if (editor_genome (self) == NULL || !can_backprop (self))
    return;
  steps = params->backprop_steps > 0 ? (guint) params->backprop_steps : BACKPROP_MORE_STEPS;
  trained = mdk_neat_genome_copy (editor_genome (self));
  mdk_rng_init_stream (&rng, e->seed, G_MAXUINT32, self->backprop_clicks++);
  if (!mdk_neat_backprop_genome (trained, task, params, steps, &rng, &before, &after, &error))
    {
      show_error (self, _("This network cannot learn by backprop"), error->message);
      return;
    }
  if (!mdk_graph_editor_take_weights (MDK_GRAPH_EDITOR (self->network), trained))
    return;
  note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u backprop step: loss %.3g → %.3g",
                                       "%u backprop steps: loss %.3g → %.3g", steps),
                          steps, before, after);
  show_network_note (self, note, FALSE);
}

static void
breed_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->choose_gallery));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *toggle = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)))
        {
          guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "candidate"));
          g_array_append_val (chosen, index);
        }
    }
  if (!mdk_session_choose (self->session, (const guint *) chosen->data, chosen->len, &error))
    on_editor_message (self, error->message);
  else
    gtk_label_set_text (self->choose_hint, _("Breeding the next generation…"));
}

static void
on_interactive_toggled (MdkWindow *self)
{
  gboolean on = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->interactive_button));

  if (on == mdk_session_get_interactive (self->session))
    return;
  if (!mdk_session_set_interactive (self->session, on))
    {
      /* A generation is waiting for its choice: choose first. */
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->interactive_button), !on);
      on_editor_message (self, _("Breed the waiting generation before leaving interactive evolution"));
    }
}

/* A generation picked on any plot's time axis is the one the distribution
 * view shows; the view follows the latest again after a reset. */
static void
on_picked_generation (MdkWindow   *self,
                      GParamSpec  *pspec,
                      MdkPlotView *plot)
{
  int generation = mdk_plot_view_get_picked_generation (plot);

  mdk_distribution_view_set_generation (MDK_DISTRIBUTION_VIEW (self->distribution), generation);
}

/* As medaka-cli export writes a genome: a fixed network as its own
 * document (and as C only if its graph form computes alike). */
static void
save_network (MdkWindow *self,
              GFile     *file,
              gpointer   data)
{
  MdkTask *task = mdk_session_get_task (self->session);
  g_autoptr(GError) error = NULL;
  MdkExportSource source = {
    .klass = self->shown_class,
    .genome = editor_genome (self),
    .native = self->shown_genome,
    .fitness = NAN,
    .input_names = task ? (const char * const *) task->input_names : NULL,
    .output_names = task ? (const char * const *) task->output_names : NULL,
  };

  if (source.genome != NULL && !mdk_export_write_genome (&source, file, data, &error))
    show_error (self, _("The network could not be exported"), error->message);
}

/* The network in the editor: a drawing, Graphviz, JSON or standalone C. */
static void
export_network_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  g_autofree char *suggested = g_strdup_printf ("network.%s", format);

  if (editor_genome (self) != NULL)
    ask_save (self, _("Export Network"), suggested, save_network, format);
}

/* A CPPN's picture at a size of the user's choosing. */
static void
save_image (MdkWindow *self,
            GFile     *file,
            gpointer   data)
{
  MdkTask *task = mdk_session_get_task (self->session);
  guint size = (guint) g_ascii_strtoull (data, NULL, 10);
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autofree guint8 *rgb = g_new (guint8, (gsize) size * size * 3);
  cairo_surface_t *surface;
  g_autofree char *path = g_file_get_path (file);
  cairo_status_t status;
  guint8 *pixels;
  int stride;

  if (task == NULL || task->klass != &mdk_task_cppn_class || editor_genome (self) == NULL || path == NULL)
    return;
  mdk_neat_genome_decode (editor_genome (self), net);
  mdk_task_cppn_render (task, net, size, size, rgb);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint y = 0; y < size; y++)
    for (guint x = 0; x < size; x++)
      {
        const guint8 *p = rgb + 3 * ((gsize) y * size + x);
        guint32 *q = (guint32 *) (pixels + (gsize) y * stride) + x;
        *q = ((guint32) p[0] << 16) | ((guint32) p[1] << 8) | p[2];
      }
  cairo_surface_mark_dirty (surface);
  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    show_error (self, _("The image could not be exported"), cairo_status_to_string (status));
}

static void
on_image_response (GtkNativeDialog *dialog,
                   int              response,
                   MdkWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      const char *size = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "size");
      save_image (self, file, (gpointer) (size ? size : "1024"));
    }
  g_object_unref (self);
  g_object_unref (dialog);
}

/* The picture at a size chosen in the file chooser. */
static void
export_image_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MdkWindow *self = MDK_WINDOW (widget);
  MdkTask *task = mdk_session_get_task (self->session);
  static const char *sizes[] = { "256", "512", "1024", "2048", "4096", "8192", NULL };
  static const char *labels[] = { "256 × 256", "512 × 512", "1024 × 1024", "2048 × 2048",
                                  "4096 × 4096", "8192 × 8192", NULL };
  GtkFileChooserNative *chooser;

  if (task == NULL || task->klass != &mdk_task_cppn_class || editor_genome (self) == NULL)
    {
      show_error (self, _("There is no picture to export"),
                  _("Pictures come from the CPPN task: run it and export its networks' images."));
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Export Image"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "image.png");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "size", _("Size in pixels"), sizes, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "size",
                               parameter ? g_variant_get_string (parameter, NULL) : "1024");
  g_signal_connect (chooser, "response", G_CALLBACK (on_image_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
mdk_window_dispose (GObject *object)
{
  MdkWindow *self = MDK_WINDOW (object);

  /* Stops the run cleanly before the widgets go. */
  if (self->session != NULL)
    mdk_session_reset (self->session);
  g_clear_pointer (&self->selected_report, mdk_report_unref);
  clear_shown_genome (self);
  g_clear_pointer (&self->export_graph, mdk_neat_genome_free);
  g_clear_pointer (&self->pending_details, mdk_report_unref);
  g_clear_handle_id (&self->details_timeout, g_source_remove);
  g_clear_handle_id (&self->status_timeout, g_source_remove);
  g_clear_handle_id (&self->note_timeout, g_source_remove);
  g_clear_handle_id (&self->pace_timeout, g_source_remove);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  /* A window closed normally leaves no recovery copy behind. */
  if (self->recovery != NULL)
    {
      mdk_recovery_remove (self->recovery);
      g_clear_pointer (&self->recovery, mdk_recovery_unref);
    }
  g_clear_object (&self->restored_file);
  g_clear_pointer (&self->untitled_name, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDK_TYPE_WINDOW);
  g_clear_object (&self->session);
  g_clear_pointer (&self->project, mdk_project_unref);
  g_clear_object (&self->project_file);
  G_OBJECT_CLASS (mdk_window_parent_class)->dispose (object);
}

static void
mdk_window_class_init (MdkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdk_window_dispose;

  mdk_resources_register ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/medakastudio/Medaka/ui/mdk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, examples_menu);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, log_button);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, designer_box);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, plot_switcher_box);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, plot_stack);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, behaviour_box);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, network_box);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, network_title);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, population_stack);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, status_generation);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, status_evaluations);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, status_rate);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, status_elapsed);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, status_best);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, status_note);
  gtk_widget_class_bind_template_child (widget_class, MdkWindow, status_state);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_activated);
  gtk_widget_class_install_action (widget_class, "win.open-example", "s", open_example_activated);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_activated);
  gtk_widget_class_install_action (widget_class, "win.import-genome", NULL, import_genome_activated);
  gtk_widget_class_install_action (widget_class, "win.import-neat-config", NULL, import_neat_config_activated);
  gtk_widget_class_install_action (widget_class, "win.run-pause", NULL, run_pause_activated);
  gtk_widget_class_install_action (widget_class, "win.step", NULL, step_activated);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_activated);
  gtk_widget_class_install_action (widget_class, "win.log-scale", NULL, log_scale_activated);
  gtk_widget_class_install_action (widget_class, "win.export-plot", "s", export_plot_activated);
  gtk_widget_class_install_action (widget_class, "win.export-history", NULL, export_history_activated);
  gtk_widget_class_install_action (widget_class, "win.export-champion", "s", export_champion_activated);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL, export_all_activated);
  gtk_widget_class_install_action (widget_class, "win.seed-from-network", NULL, seed_activated);
  gtk_widget_class_install_action (widget_class, "win.insert-network", NULL, insert_activated);
  gtk_widget_class_install_action (widget_class, "win.compare-network", NULL, compare_activated);
  gtk_widget_class_install_action (widget_class, "win.backprop-network", NULL, backprop_activated);
  gtk_widget_class_install_action (widget_class, "win.breed", NULL, breed_activated);
  gtk_widget_class_install_action (widget_class, "win.export-network", "s", export_network_activated);
  gtk_widget_class_install_action (widget_class, "win.bookmark-network", NULL, bookmark_network_activated);
  gtk_widget_class_install_action (widget_class, "win.remove-bookmark", "u", remove_bookmark_activated);
  gtk_widget_class_install_action (widget_class, "win.export-image", "s", export_image_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.run-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.log-scale", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-plot",
                                       "s", "png");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-plot", "s", "csv");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.export-history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "win.export-champion",
                                       "s", "json");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.insert-network", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_I, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.seed-from-network", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.compare-network", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.backprop-network", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "win.breed", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.bookmark-network", NULL);
}

static GtkWidget *
framed (GtkWidget *child)
{
  gtk_widget_set_vexpand (child, TRUE);
  gtk_widget_set_hexpand (child, TRUE);
  gtk_widget_set_margin_start (child, 6);
  gtk_widget_set_margin_end (child, 6);
  gtk_widget_set_margin_bottom (child, 6);
  return child;
}

static void
mdk_window_init (MdkWindow *self)
{
  MdkHistory *history;
  GtkWidget *scroller, *header;

  gtk_widget_init_template (GTK_WIDGET (self));
  mdk_ui_pace_init (&self->pace);
  fill_recent_menu (self);
  {
    guint n;
    const MdkExample *examples = mdk_examples_get (&n);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (_(examples[i].label), NULL);

        g_menu_item_set_action_and_target_value (item, "win.open-example", g_variant_new_string (examples[i].id));
        g_menu_append_item (self->examples_menu, item);
      }
  }
  if (mdk_application_get_settings () != NULL)
    g_signal_connect_object (mdk_application_get_settings (), "changed::recent-projects",
                             G_CALLBACK (fill_recent_menu), self, G_CONNECT_SWAPPED);
  self->session = mdk_session_new ();
  history = mdk_session_get_history (self->session);

  self->designer = mdk_designer_new (self->session);
  gtk_widget_set_vexpand (self->designer, TRUE);
  gtk_box_append (GTK_BOX (self->designer_box), self->designer);

  for (guint i = 0; i < N_PLOTS; i++)
    {
      self->plots[i] = mdk_plot_view_new (plot_pages[i].kind);
      mdk_plot_view_set_history (MDK_PLOT_VIEW (self->plots[i]), history);
      gtk_stack_add_titled (self->plot_stack, framed (self->plots[i]), plot_pages[i].name,
                            _(plot_pages[i].title));
      g_signal_connect_object (self->plots[i], "notify::picked-generation",
                               G_CALLBACK (on_picked_generation), self, G_CONNECT_SWAPPED);
    }
  self->plot_switcher = mdk_page_switcher_new (self->plot_stack);
  gtk_box_append (GTK_BOX (self->plot_switcher_box), self->plot_switcher);
  self->distribution = mdk_distribution_view_new ();
  mdk_distribution_view_set_history (MDK_DISTRIBUTION_VIEW (self->distribution), history);
  gtk_stack_add_titled (self->plot_stack, framed (self->distribution), "distribution",
                        _("Distribution"));
  self->behaviour_space = mdk_behaviour_space_view_new ();
  self->behaviour_space_page = framed (self->behaviour_space);
  gtk_stack_add_titled (self->plot_stack, self->behaviour_space_page, "behaviours", _("Behaviours"));
  gtk_widget_set_visible (self->behaviour_space_page, FALSE);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *gallery_scroller = gtk_scrolled_window_new ();
    GtkWidget *breed = gtk_button_new_with_mnemonic (_("_Breed from the Chosen"));

    self->choose_hint = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_wrap (self->choose_hint, TRUE);
    gtk_label_set_xalign (self->choose_hint, 0);
    gtk_widget_set_hexpand (GTK_WIDGET (self->choose_hint), TRUE);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (breed), "win.breed");
    gtk_widget_add_css_class (breed, "suggested-action");
    gtk_widget_set_tooltip_text (breed, _("Breed the next generation from the chosen networks (Ctrl+B)"));
    gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->choose_hint));
    gtk_box_append (GTK_BOX (bar), breed);
    self->choose_gallery = GTK_FLOW_BOX (gtk_flow_box_new ());
    gtk_flow_box_set_selection_mode (self->choose_gallery, GTK_SELECTION_NONE);
    gtk_flow_box_set_max_children_per_line (self->choose_gallery, 30);
    gtk_flow_box_set_min_children_per_line (self->choose_gallery, 3);
    gtk_flow_box_set_homogeneous (self->choose_gallery, TRUE);
    gtk_widget_set_valign (GTK_WIDGET (self->choose_gallery), GTK_ALIGN_START);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (gallery_scroller), GTK_WIDGET (self->choose_gallery));
    gtk_widget_set_vexpand (gallery_scroller, TRUE);
    gtk_box_append (GTK_BOX (box), bar);
    gtk_box_append (GTK_BOX (box), gallery_scroller);
    self->choose_page = framed (box);
    gtk_stack_add_titled (self->plot_stack, self->choose_page, "choose", _("Choose"));
    gtk_widget_set_visible (self->choose_page, FALSE);
  }

  self->behaviour = mdk_behaviour_view_new ();
  gtk_box_append (GTK_BOX (self->behaviour_box), framed (self->behaviour));

  header = gtk_widget_get_first_child (self->network_box);
  gtk_box_remove (GTK_BOX (self->network_box), header);
  {
    GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    gtk_widget_set_hexpand (header, TRUE);
    gtk_box_append (GTK_BOX (bar), header);
    /* Icons keep the header narrow: the pane shares its row with the
     * behaviour view. */
    self->follow_button = gtk_toggle_button_new ();
    gtk_button_set_icon_name (GTK_BUTTON (self->follow_button), "starred-symbolic");
    gtk_widget_set_tooltip_text (self->follow_button,
                                 _("Follow the champion: show the best network of the run as evolution goes on"));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->follow_button), TRUE);
    gtk_widget_set_margin_end (self->follow_button, 6);
    gtk_widget_set_margin_top (self->follow_button, 4);
    gtk_widget_add_css_class (self->follow_button, "flat");
    gtk_box_append (GTK_BOX (bar), self->follow_button);
    {
      static const struct { const char *icon, *action, *tooltip; } buttons[] = {
        { "list-add-symbolic", "win.insert-network",
          N_("Insert this network into the running population, replacing the worst genome (Ctrl+I)") },
        { "view-refresh-symbolic", "win.seed-from-network",
          N_("Seed a new population from this network: mutated copies of it (Ctrl+Shift+I)") },
        { "view-dual-symbolic", "win.compare-network",
          N_("Compare this network with the champion, genes aligned as crossover sees them (Ctrl+K)") },
        { "media-seek-forward-symbolic", "win.backprop-network",
          N_("Backprop more: train this network's weights by gradient descent on the task's training data, with the backprop settings of the experiment (Ctrl+G)") },
      };
      for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
        {
          GtkWidget *button = gtk_button_new_from_icon_name (buttons[i].icon);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), buttons[i].action);
          gtk_widget_set_tooltip_text (button, _(buttons[i].tooltip));
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_margin_top (button, 4);
          gtk_box_append (GTK_BOX (bar), button);
        }
    }
    gtk_box_append (GTK_BOX (self->network_box), bar);
  }
  self->network_status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->network_status, 0);
  gtk_label_set_ellipsize (self->network_status, PANGO_ELLIPSIZE_END);
  gtk_widget_set_size_request (GTK_WIDGET (self->network_status), 50, -1);
  gtk_widget_set_margin_start (GTK_WIDGET (self->network_status), 8);
  gtk_box_append (GTK_BOX (self->network_box), GTK_WIDGET (self->network_status));
  self->network = mdk_graph_editor_new ();
  gtk_box_append (GTK_BOX (self->network_box), framed (self->network));
  g_signal_connect_object (self->network, "edited", G_CALLBACK (on_network_edited), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->network, "editing-started", G_CALLBACK (on_editing_started), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->network, "message", G_CALLBACK (on_editor_message), self,
                           G_CONNECT_SWAPPED);

  /* The species table may be wider than the panel: it scrolls sideways
   * rather than squeezing the plots. */
  self->species = mdk_species_list_new ();
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->species);
  /* Natural width = min-content-width: the panel stays this wide. */
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 380);
  /* Its content changes while a run goes: no fading overlay scrollbars,
   * whose animation would cost frames (as in the species list). */
  gtk_scrolled_window_set_overlay_scrolling (GTK_SCROLLED_WINDOW (scroller), FALSE);

  gtk_stack_add_titled (self->population_stack, framed (scroller), "species", _("Species"));
  self->lineage = mdk_lineage_view_new ();
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->lineage);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 380);
  gtk_scrolled_window_set_overlay_scrolling (GTK_SCROLLED_WINDOW (scroller), FALSE);
  gtk_stack_add_titled (self->population_stack, framed (scroller), "lineage", _("Lineage"));
  self->notes = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->notes, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (self->notes, 8);
  gtk_text_view_set_right_margin (self->notes, 8);
  gtk_text_view_set_top_margin (self->notes, 8);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->notes), _("Notes about this experiment, saved in its project file"));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->notes));
  gtk_widget_set_vexpand (scroller, TRUE);
  {
    GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *bookmarks_header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *heading = gtk_label_new (_("Bookmarked networks"));
    GtkWidget *add = gtk_button_new_from_icon_name ("bookmark-new-symbolic");
    GtkWidget *list_scroller = gtk_scrolled_window_new ();

    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_widget_set_hexpand (heading, TRUE);
    gtk_widget_add_css_class (heading, "heading");
    gtk_widget_set_tooltip_text (heading, _("Click a bookmark to show its network in the editor"));
    gtk_widget_add_css_class (add, "flat");
    gtk_widget_set_tooltip_text (add, _("Bookmark the network in the editor: keep it in the project (Ctrl+D)"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "win.bookmark-network");
    gtk_box_append (GTK_BOX (bookmarks_header), heading);
    gtk_box_append (GTK_BOX (bookmarks_header), add);
    gtk_widget_set_margin_start (bookmarks_header, 6);
    gtk_widget_set_margin_end (bookmarks_header, 6);
    gtk_widget_set_margin_top (bookmarks_header, 6);
    self->bookmarks = GTK_LIST_BOX (gtk_list_box_new ());
    gtk_list_box_set_activate_on_single_click (self->bookmarks, TRUE);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (list_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (list_scroller), 120);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (list_scroller), GTK_WIDGET (self->bookmarks));
    gtk_box_append (GTK_BOX (page), scroller);
    gtk_box_append (GTK_BOX (page), bookmarks_header);
    gtk_box_append (GTK_BOX (page), list_scroller);
    gtk_stack_add_titled (self->population_stack, framed (page), "notes", _("Notes"));
    g_signal_connect_object (self->bookmarks, "row-activated", G_CALLBACK (on_bookmark_activated), self,
                             G_CONNECT_SWAPPED);
  }
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes), "changed", G_CALLBACK (on_notes_changed),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (on_session_notify), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "report", G_CALLBACK (on_report), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "experiment-changed", G_CALLBACK (on_experiment_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->species, "genome-selected", G_CALLBACK (on_genome_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->follow_button, "toggled", G_CALLBACK (on_follow_toggled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->behaviour, "point-added", G_CALLBACK (on_point_added), self,
                           G_CONNECT_SWAPPED);
  {
    GSettings *settings = mdk_application_get_settings ();
    if (settings != NULL)
      {
        gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                                     g_settings_get_int (settings, "window-height"));
        if (g_settings_get_boolean (settings, "window-maximized"))
          gtk_window_maximize (GTK_WINDOW (self));
        on_log_scale_setting (self);
        g_signal_connect_object (settings, "changed::log-scale", G_CALLBACK (on_log_scale_setting),
                                 self, G_CONNECT_SWAPPED);
        g_signal_connect_object (settings, "changed::autosave-interval", G_CALLBACK (schedule_autosave),
                                 self, G_CONNECT_SWAPPED);
      }
  }
  /* Interactive evolution: the person is the fitness function. */
  self->interactive_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->interactive_button), "emblem-favorite-symbolic");
  gtk_widget_set_tooltip_text (self->interactive_button,
                               _("Interactive evolution: you choose which networks breed, from pictures of what they do"));
  gtk_widget_insert_after (self->interactive_button, gtk_widget_get_parent (self->run_button),
                           gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (self->run_button)));
  g_signal_connect_object (self->interactive_button, "toggled", G_CALLBACK (on_interactive_toggled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  {
    /* A label, not a spinner: every frame of an animation is taken from
     * evaluation (docs/benchmarks.md). */
    GtkWidget *icon = gtk_image_new_from_icon_name ("document-save-symbolic");

    self->saving_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    self->saving_label = GTK_LABEL (gtk_label_new (NULL));
    gtk_box_append (GTK_BOX (self->saving_box), icon);
    gtk_box_append (GTK_BOX (self->saving_box), GTK_WIDGET (self->saving_label));
    gtk_widget_set_visible (self->saving_box, FALSE);
    gtk_widget_insert_before (self->saving_box, gtk_widget_get_parent (GTK_WIDGET (self->status_state)),
                              GTK_WIDGET (self->status_state));
  }
  update_status (self);
  on_experiment_changed (self);
  /* The default experiment is nothing to lose. */
  self->unsaved = FALSE;
  schedule_autosave (self);
}

MdkWindow *
mdk_window_new (GtkApplication *application)
{
  return g_object_new (MDK_TYPE_WINDOW, "application", application, NULL);
}

MdkSession *
mdk_window_get_session (MdkWindow *self)
{
  g_return_val_if_fail (MDK_IS_WINDOW (self), NULL);
  return self->session;
}

GtkWidget *
mdk_window_get_plot (MdkWindow *self,
                     guint      kind)
{
  g_return_val_if_fail (MDK_IS_WINDOW (self), NULL);
  for (guint i = 0; i < N_PLOTS; i++)
    if (plot_pages[i].kind == kind)
      return self->plots[i];
  return NULL;
}

/* For tests: "designer", "behaviour", "network", "species", "distribution",
 * "plot-stack", "status-state", "status-generation". */
GtkWidget *
mdk_window_get_child_by_role (MdkWindow  *self,
                              const char *role)
{
  g_return_val_if_fail (MDK_IS_WINDOW (self), NULL);
  if (g_str_equal (role, "designer"))
    return self->designer;
  if (g_str_equal (role, "behaviour"))
    return self->behaviour;
  if (g_str_equal (role, "network"))
    return self->network;
  if (g_str_equal (role, "species"))
    return self->species;
  if (g_str_equal (role, "distribution"))
    return self->distribution;
  if (g_str_equal (role, "behaviour-space"))
    return self->behaviour_space;
  if (g_str_equal (role, "population-stack"))
    return GTK_WIDGET (self->population_stack);
  if (g_str_equal (role, "notes"))
    return GTK_WIDGET (self->notes);
  if (g_str_equal (role, "bookmarks"))
    return GTK_WIDGET (self->bookmarks);
  if (g_str_equal (role, "plot-stack"))
    return GTK_WIDGET (self->plot_stack);
  if (g_str_equal (role, "plot-switcher"))
    return self->plot_switcher;
  if (g_str_equal (role, "status-state"))
    return GTK_WIDGET (self->status_state);
  if (g_str_equal (role, "status-note"))
    return GTK_WIDGET (self->status_note);
  if (g_str_equal (role, "status-generation"))
    return GTK_WIDGET (self->status_generation);
  if (g_str_equal (role, "follow"))
    return self->follow_button;
  if (g_str_equal (role, "lineage"))
    return self->lineage;
  if (g_str_equal (role, "network-status"))
    return GTK_WIDGET (self->network_status);
  if (g_str_equal (role, "choose-gallery"))
    return GTK_WIDGET (self->choose_gallery);
  if (g_str_equal (role, "interactive"))
    return self->interactive_button;
  if (g_str_equal (role, "saving"))
    return self->saving_box;
  if (g_str_equal (role, "run-button"))
    return self->run_button;
  return NULL;
}
