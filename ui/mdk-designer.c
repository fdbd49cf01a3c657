#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-designer.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mdk-param-form.h"

/* The largest seed a spin button (a double) holds exactly: 2^53. */
#define SEED_MAX 9007199254740992.0

struct _MdkDesigner
{
  GtkWidget                        parent_instance;

  MdkSession                      *session;

  const MdkTaskClass * const      *task_classes;
  guint                            n_task_classes;
  const MdkOptimizerClass * const *algorithm_classes;
  guint                            n_algorithm_classes;

  GtkWidget                       *scrolled;
  GtkWidget                       *run_notice;

  GtkWidget                       *task_drop_down;
  GtkWidget                       *task_lock;
  GtkWidget                       *task_error;
  GtkWidget                       *task_description;
  GtkWidget                       *task_slot;
  GtkWidget                       *task_form;
  const MdkTaskClass              *task_class;

  GtkWidget                       *algorithm_drop_down;
  GtkWidget                       *algorithm_lock;
  GtkWidget                       *algorithm_error;
  GtkWidget                       *algorithm_description;
  GtkWidget                       *algorithm_slot;
  GtkWidget                       *algorithm_form;
  const MdkOptimizerClass         *algorithm_class;

  GtkWidget                       *seed_spin;
  GtkWidget                       *dice;
  GtkWidget                       *seed_lock;
  GtkWidget                       *threads_auto;
  GtkWidget                       *threads_spin;
  GtkWidget                       *threads_lock;
  GtkWidget                       *stop_form;
  GtkWidget                       *objective_form;

  double                           pointer_x;  /* in self->scrolled */
  double                           pointer_y;

  guint                            updating;   /* writing the session's values */
};

G_DEFINE_FINAL_TYPE (MdkDesigner, mdk_designer, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_run_locked (MdkDesigner *self)
{
  return mdk_session_get_state (self->session) != MDK_SESSION_IDLE;
}

static const char *
run_lock_reason (void)
{
  /* Same words as the session uses for parameters fixed during a run. */
  return _("Fixed for the whole run. Reset the run to change it.");
}

static void
show_error (GtkWidget  *label,
            const char *message)
{
  gtk_label_set_text (GTK_LABEL (label), message ? message : "");
  gtk_widget_set_visible (label, message != NULL);
}

static GtkWidget *
new_lock_icon (void)
{
  GtkWidget *lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

  gtk_widget_set_valign (lock, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (lock, "dim-label");
  /* Hidden by opacity, so that nothing moves when a run starts; the param
   * forms keep the same column for their locks. */
  gtk_widget_set_opacity (lock, 0.0);
  return lock;
}

static GtkWidget *
new_error_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "param-error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static GtkWidget *
new_description_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Keeps the panel's natural width modest: the text wraps instead. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
new_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "title-4");
  return label;
}

static void
set_locked (GtkWidget  *lock,
            const char *reason)
{
  gtk_widget_set_opacity (lock, reason != NULL ? 1.0 : 0.0);
  gtk_widget_set_tooltip_text (lock, reason);
}

/* Shows @klass in @drop_down without acting on it. */
static void
select_class (MdkDesigner          *self,
              GtkWidget            *drop_down,
              gconstpointer const  *classes,
              guint                 n_classes,
              gconstpointer         klass)
{
  self->updating++;
  for (guint i = 0; i < n_classes; i++)
    if (classes[i] == klass)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), i);
  self->updating--;
}

/* Task and algorithm forms are rebuilt only when the class changes; other
 * changes update the rows in place. */
static void
sync_task (MdkDesigner *self)
{
  const MdkExperiment *experiment = mdk_session_get_experiment (self->session);
  const MdkTaskClass *klass = experiment->task_class;

  if (klass == self->task_class && self->task_form != NULL)
    {
      mdk_param_form_refresh (MDK_PARAM_FORM (self->task_form));
      return;
    }

  self->task_class = klass;
  if (self->task_form != NULL)
    gtk_box_remove (GTK_BOX (self->task_slot), self->task_form);
  self->task_form = mdk_param_form_new (self->session, MDK_PARAM_OWNER_TASK,
                                        klass->params, klass->n_params);
  gtk_box_append (GTK_BOX (self->task_slot), self->task_form);
  gtk_label_set_text (GTK_LABEL (self->task_description),
                      klass->description ? _(klass->description) : "");

  select_class (self, self->task_drop_down, (gconstpointer const *) self->task_classes,
                self->n_task_classes, klass);
}

static void
sync_algorithm (MdkDesigner *self)
{
  const MdkExperiment *experiment = mdk_session_get_experiment (self->session);
  const MdkOptimizerClass *klass = experiment->optimizer_class;

  if (klass == self->algorithm_class && self->algorithm_form != NULL)
    {
      mdk_param_form_refresh (MDK_PARAM_FORM (self->algorithm_form));
      return;
    }

  self->algorithm_class = klass;
  if (self->algorithm_form != NULL)
    gtk_box_remove (GTK_BOX (self->algorithm_slot), self->algorithm_form);
  self->algorithm_form = mdk_param_form_new (self->session, MDK_PARAM_OWNER_ALGORITHM,
                                             klass->params, klass->n_params);
  gtk_box_append (GTK_BOX (self->algorithm_slot), self->algorithm_form);
  gtk_label_set_text (GTK_LABEL (self->algorithm_description),
                      klass->description ? _(klass->description) : "");

  select_class (self, self->algorithm_drop_down,
                (gconstpointer const *) self->algorithm_classes,
                self->n_algorithm_classes, klass);
}

static void
sync_run_values (MdkDesigner *self)
{
  const MdkExperiment *experiment = mdk_session_get_experiment (self->session);

  self->updating++;
  if ((guint64) gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->seed_spin)) != experiment->seed)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->seed_spin), (double) experiment->seed);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->threads_auto), experiment->threads == 0);
  if (experiment->threads > 0)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->threads_spin), experiment->threads);
  self->updating--;
}

static void
sync_locks (MdkDesigner *self)
{
  gboolean locked = is_run_locked (self);
  const char *reason = locked ? run_lock_reason () : NULL;
  const MdkExperiment *experiment = mdk_session_get_experiment (self->session);

  gtk_widget_set_visible (self->run_notice, locked);

  gtk_widget_set_sensitive (self->task_drop_down, !locked);
  set_locked (self->task_lock, reason);
  gtk_widget_set_sensitive (self->algorithm_drop_down, !locked);
  set_locked (self->algorithm_lock, reason);

  gtk_widget_set_sensitive (self->seed_spin, !locked);
  gtk_widget_set_sensitive (self->dice, !locked);
  set_locked (self->seed_lock, reason);

  gtk_widget_set_sensitive (self->threads_auto, !locked);
  gtk_widget_set_sensitive (self->threads_spin, !locked && experiment->threads > 0);
  set_locked (self->threads_lock, reason);

  if (locked)
    {
      show_error (self->task_error, NULL);
      show_error (self->algorithm_error, NULL);
    }
}

static void
sync_all (MdkDesigner *self)
{
  sync_task (self);
  sync_algorithm (self);
  mdk_param_form_refresh (MDK_PARAM_FORM (self->stop_form));
  mdk_param_form_refresh (MDK_PARAM_FORM (self->objective_form));
  sync_run_values (self);
  sync_locks (self);
}

static void
on_experiment_changed (MdkSession  *session,
                       MdkDesigner *self)
{
  sync_all (self);
}

static void
on_state_changed (MdkSession  *session,
                  GParamSpec  *pspec,
                  MdkDesigner *self)
{
  /* Lock states depend on the state; values may have been reset too. */
  sync_all (self);
}

static void
on_task_selected (GtkDropDown *drop_down,
                  GParamSpec  *pspec,
                  MdkDesigner *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (self->updating || selected >= self->n_task_classes)
    return;
  if (self->task_classes[selected] == self->task_class)
    return;
  if (!mdk_session_set_task (self->session, self->task_classes[selected]->id, &error))
    {
      show_error (self->task_error, error->message);
      select_class (self, self->task_drop_down, (gconstpointer const *) self->task_classes,
                    self->n_task_classes, self->task_class);
      return;
    }
  show_error (self->task_error, NULL);
  sync_task (self);
}

static void
on_algorithm_selected (GtkDropDown *drop_down,
                       GParamSpec  *pspec,
                       MdkDesigner *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (self->updating || selected >= self->n_algorithm_classes)
    return;
  if (self->algorithm_classes[selected] == self->algorithm_class)
    return;
  if (!mdk_session_set_algorithm (self->session, self->algorithm_classes[selected]->id, &error))
    {
      show_error (self->algorithm_error, error->message);
      select_class (self, self->algorithm_drop_down,
                    (gconstpointer const *) self->algorithm_classes,
                    self->n_algorithm_classes, self->algorithm_class);
      return;
    }
  show_error (self->algorithm_error, NULL);
  sync_algorithm (self);
}

static void
on_seed_changed (GtkSpinButton *spin,
                 MdkDesigner   *self)
{
  if (self->updating)
    return;
  mdk_session_set_seed (self->session, (guint64) gtk_spin_button_get_value (spin));
}

static void
on_dice_clicked (GtkButton   *button,
                 MdkDesigner *self)
{
  guint32 seed;

  /* A new seed, never the one already set. */
  do
    seed = g_random_int ();
  while ((double) seed == gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->seed_spin)));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->seed_spin), seed);
}

static void
push_threads (MdkDesigner *self)
{
  gboolean automatic = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->threads_auto));

  if (self->updating)
    return;
  mdk_session_set_threads (self->session,
                           automatic ? 0 : gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->threads_spin)));
}

static void
on_threads_auto_toggled (GtkCheckButton *check,
                         MdkDesigner    *self)
{
  gtk_widget_set_sensitive (self->threads_spin,
                            !gtk_check_button_get_active (check) && !is_run_locked (self));
  push_threads (self);
}

static void
on_threads_changed (GtkSpinButton *spin,
                    MdkDesigner   *self)
{
  push_threads (self);
}

static void
on_panel_motion (GtkEventControllerMotion *controller,
                 double                    x,
                 double                    y,
                 MdkDesigner              *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

/* A GtkSpinButton takes the wheel even without focus, so scrolling the
 * panel would change every value that passes under the pointer.  Seen
 * first (capture phase), the wheel over an unfocused spin button scrolls
 * the panel instead. */
static gboolean
on_panel_scroll (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 MdkDesigner              *self)
{
  GtkWidget *picked, *spin;
  GtkRoot *root;
  GtkWidget *focus;
  GtkAdjustment *adjustment;
  double delta;

  picked = gtk_widget_pick (self->scrolled, self->pointer_x, self->pointer_y, GTK_PICK_DEFAULT);
  spin = picked ? gtk_widget_get_ancestor (picked, GTK_TYPE_SPIN_BUTTON) : NULL;
  if (spin == NULL)
    return FALSE;
  root = gtk_widget_get_root (spin);
  focus = root ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && (focus == spin || gtk_widget_is_ancestor (focus, spin)))
    return FALSE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    /* The step GtkScrolledWindow itself uses for a wheel click. */
    delta = dy * pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0);
  else
    delta = dy;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + delta);
  return TRUE;
}

static GtkWidget *
build_class_section (MdkDesigner  *self,
                     const char   *title,
                     const char   *name,
                     const char  **labels,
                     GtkWidget   **drop_down,
                     GtkWidget   **lock,
                     GtkWidget   **error,
                     GtkWidget   **description,
                     GtkWidget   **slot)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading = new_heading (title);

  gtk_box_append (GTK_BOX (section), heading);

  *drop_down = gtk_drop_down_new_from_strings (labels);
  gtk_widget_set_name (*drop_down, name);
  gtk_widget_set_hexpand (*drop_down, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (*drop_down),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (line), *drop_down);
  *lock = new_lock_icon ();
  gtk_box_append (GTK_BOX (line), *lock);
  gtk_box_append (GTK_BOX (section), line);

  *error = new_error_label ();
  gtk_box_append (GTK_BOX (section), *error);

  *description = new_description_label ();
  gtk_box_append (GTK_BOX (section), *description);

  *slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_margin_top (*slot, 4);
  gtk_box_append (GTK_BOX (section), *slot);
  return section;
}

static GtkWidget *
build_task_section (MdkDesigner *self)
{
  g_autofree const char **labels = g_new0 (const char *, self->n_task_classes + 1);

  for (guint i = 0; i < self->n_task_classes; i++)
    labels[i] = _(self->task_classes[i]->label);
  return build_class_section (self, _("Task"), "task", labels,
                              &self->task_drop_down, &self->task_lock, &self->task_error,
                              &self->task_description, &self->task_slot);
}

static GtkWidget *
build_algorithm_section (MdkDesigner *self)
{
  g_autofree const char **labels = g_new0 (const char *, self->n_algorithm_classes + 1);

  for (guint i = 0; i < self->n_algorithm_classes; i++)
    labels[i] = _(self->algorithm_classes[i]->label);
  return build_class_section (self, _("Algorithm"), "algorithm", labels,
                              &self->algorithm_drop_down, &self->algorithm_lock,
                              &self->algorithm_error, &self->algorithm_description,
                              &self->algorithm_slot);
}

static GtkWidget *
new_row_label (const char *text,
               const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, tooltip);
  return label;
}

static GtkWidget *
build_run_section (MdkDesigner *self)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *label, *box;
  const char *seed_help = _("The seed of the run's random numbers: the same seed and "
                            "parameters give the same run, whatever the number of threads.");
  const char *threads_help = _("How many networks are evaluated at once. Automatic uses "
                               "one thread per processor core. It does not change the "
                               "results, only the speed.");
  guint max_threads = MAX (1, g_get_num_processors () * 4);

  gtk_box_append (GTK_BOX (section), new_heading (_("Run")));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);

  /* Seed with its dice. */
  label = new_row_label (_("Seed"), seed_help);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_add_css_class (box, "linked");
  self->seed_spin = gtk_spin_button_new_with_range (0, SEED_MAX, 1);
  gtk_widget_set_name (self->seed_spin, "seed");
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->seed_spin), 0);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->seed_spin), 10);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->seed_spin), 10);
  gtk_widget_set_tooltip_text (self->seed_spin, seed_help);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->seed_spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  g_signal_connect (self->seed_spin, "value-changed", G_CALLBACK (on_seed_changed), self);
  gtk_box_append (GTK_BOX (box), self->seed_spin);
  self->dice = gtk_button_new_from_icon_name ("media-playlist-shuffle-symbolic");
  gtk_widget_set_name (self->dice, "dice");
  gtk_widget_set_tooltip_text (self->dice, _("Draw a random seed"));
  gtk_box_append (GTK_BOX (box), self->dice);
  g_signal_connect (self->dice, "clicked", G_CALLBACK (on_dice_clicked), self);
  gtk_grid_attach (GTK_GRID (grid), box, 1, 0, 1, 1);
  self->seed_lock = new_lock_icon ();
  gtk_grid_attach (GTK_GRID (grid), self->seed_lock, 2, 0, 1, 1);

  /* Threads: automatic or a count. */
  label = new_row_label (_("Threads"), threads_help);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  self->threads_auto = gtk_check_button_new_with_label (_("Automatic"));
  gtk_widget_set_name (self->threads_auto, "threads-auto");
  gtk_widget_set_tooltip_text (self->threads_auto, threads_help);
  g_signal_connect (self->threads_auto, "toggled", G_CALLBACK (on_threads_auto_toggled), self);
  gtk_box_append (GTK_BOX (box), self->threads_auto);
  self->threads_spin = gtk_spin_button_new_with_range (1, max_threads, 1);
  gtk_widget_set_name (self->threads_spin, "threads");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->threads_spin), g_get_num_processors ());
  gtk_editable_set_width_chars (GTK_EDITABLE (self->threads_spin), 2);
  gtk_widget_set_tooltip_text (self->threads_spin, threads_help);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->threads_spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  g_signal_connect (self->threads_spin, "value-changed", G_CALLBACK (on_threads_changed), self);
  gtk_box_append (GTK_BOX (box), self->threads_spin);
  gtk_grid_attach (GTK_GRID (grid), box, 1, 1, 1, 1);
  self->threads_lock = new_lock_icon ();
  gtk_grid_attach (GTK_GRID (grid), self->threads_lock, 2, 1, 1, 1);

  gtk_box_append (GTK_BOX (section), grid);

  self->stop_form = mdk_param_form_new (self->session, MDK_PARAM_OWNER_STOP,
                                        mdk_stop_param_table, MDK_STOP_N_PARAMS);
  gtk_widget_set_margin_top (self->stop_form, 4);
  gtk_box_append (GTK_BOX (section), self->stop_form);
  return section;
}

/* Fitness or novelty search: what the algorithm selects on. */
static GtkWidget *
build_objective_section (MdkDesigner *self)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_box_append (GTK_BOX (section), new_heading (_("Search objective")));
  self->objective_form = mdk_param_form_new (self->session, MDK_PARAM_OWNER_OBJECTIVE,
                                             mdk_novelty_param_table, MDK_NOVELTY_N_PARAMS);
  gtk_widget_set_margin_top (self->objective_form, 4);
  gtk_box_append (GTK_BOX (section), self->objective_form);
  return section;
}

static GtkWidget *
build_run_notice (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
  GtkWidget *label;

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), icon);
  label = gtk_label_new (_("Parameters with a lock are fixed for this run. "
                           "The others apply from the next generation."));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "dim-label");
  gtk_widget_add_css_class (box, "run-notice");
  gtk_widget_set_visible (box, FALSE);
  return box;
}

static void
mdk_designer_constructed (GObject *object)
{
  MdkDesigner *self = MDK_DESIGNER (object);
  GtkWidget *content;

  G_OBJECT_CLASS (mdk_designer_parent_class)->constructed (object);

  g_return_if_fail (self->session != NULL);

  self->task_classes = mdk_task_classes (&self->n_task_classes);
  self->algorithm_classes = mdk_optimizer_classes (&self->n_algorithm_classes);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);

  self->run_notice = build_run_notice ();
  gtk_box_append (GTK_BOX (content), self->run_notice);
  gtk_box_append (GTK_BOX (content), build_task_section (self));
  gtk_box_append (GTK_BOX (content), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (content), build_algorithm_section (self));
  gtk_box_append (GTK_BOX (content), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (content), build_objective_section (self));
  gtk_box_append (GTK_BOX (content), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (content), build_run_section (self));

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), content);

  g_signal_connect (self->task_drop_down, "notify::selected",
                    G_CALLBACK (on_task_selected), self);
  g_signal_connect (self->algorithm_drop_down, "notify::selected",
                    G_CALLBACK (on_algorithm_selected), self);
  g_signal_connect_object (self->session, "experiment-changed",
                           G_CALLBACK (on_experiment_changed), self, 0);
  g_signal_connect_object (self->session, "notify::state",
                           G_CALLBACK (on_state_changed), self, 0);

  sync_all (self);
}

static void
mdk_designer_dispose (GObject *object)
{
  MdkDesigner *self = MDK_DESIGNER (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mdk_designer_parent_class)->dispose (object);
}

static void
mdk_designer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MdkDesigner *self = MDK_DESIGNER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdk_designer_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MdkDesigner *self = MDK_DESIGNER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdk_designer_class_init (MdkDesignerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mdk_designer_constructed;
  object_class->dispose = mdk_designer_dispose;
  object_class->get_property = mdk_designer_get_property;
  object_class->set_property = mdk_designer_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MDK_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "designer");
}

static void
mdk_designer_init (MdkDesigner *self)
{
  GtkEventController *controller;

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (self->scrolled), 320);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_panel_motion), self);
  g_signal_connect (controller, "motion", G_CALLBACK (on_panel_motion), self);
  gtk_widget_add_controller (self->scrolled, controller);
  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_panel_scroll), self);
  gtk_widget_add_controller (self->scrolled, controller);
}

GtkWidget *
mdk_designer_new (MdkSession *session)
{
  g_return_val_if_fail (MDK_IS_SESSION (session), NULL);

  return g_object_new (MDK_TYPE_DESIGNER, "session", session, NULL);
}
