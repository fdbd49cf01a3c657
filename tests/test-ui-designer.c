/* The experiment designer side panel, driven through its real widgets with
 * a real MdkSession. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <gtk/gtk.h>

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "mdk-designer.h"
#include "mdk-param-form.h"
#include "mdk-session.h"
#include "mdk-test-ui.h"

/* Error red: GTK's default theme draws label.error in #cc0000, Medaka's
 * style.css (.param-error) in #c01c28; the tolerance covers both. */
#define ERROR_RED 0xc01c28

typedef struct
{
  MdkSession *session;
  GtkWidget  *designer;
  GtkWidget  *window;
  guint       state_notifications;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  if (!mdk_test_ui_has_display ())
    return;
  f->session = mdk_session_new ();
  f->designer = mdk_designer_new (f->session);
  f->window = mdk_test_ui_window (f->designer, 360, 1000);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->session == NULL)
    return;
  mdk_session_reset (f->session);
  gtk_window_destroy (GTK_WINDOW (f->window));
  mdk_test_ui_flush ();
  g_clear_object (&f->session);
}

#define SKIP_WITHOUT_DISPLAY(f) \
  G_STMT_START { \
    if ((f)->session == NULL) \
      { \
        g_test_skip ("no display"); \
        return; \
      } \
  } G_STMT_END

/* --- finding widgets ---------------------------------------------------- */

typedef gboolean (*WidgetPredicate) (GtkWidget *widget,
                                     gpointer   data);

static GtkWidget *
find_widget (GtkWidget       *root,
             WidgetPredicate  predicate,
             gpointer         data)
{
  if (predicate (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, predicate, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_widgets (GtkWidget       *root,
               WidgetPredicate  predicate,
               gpointer         data)
{
  guint n = predicate (root, data) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, predicate, data);
  return n;
}

static gboolean
is_form_of (GtkWidget *widget,
            gpointer   data)
{
  return MDK_IS_PARAM_FORM (widget) &&
         (int) mdk_param_form_get_owner (MDK_PARAM_FORM (widget)) == GPOINTER_TO_INT (data);
}

static gboolean
is_named (GtkWidget *widget,
          gpointer   data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

/* An editing widget: what one parameter row holds. */
static gboolean
is_field (GtkWidget *widget,
          gpointer   data)
{
  return GTK_IS_SPIN_BUTTON (widget) || GTK_IS_ENTRY (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_DROP_DOWN (widget);
}

static gboolean
is_expander (GtkWidget *widget,
             gpointer   data)
{
  return GTK_IS_EXPANDER (widget);
}

static gboolean
is_visible_lock (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_IMAGE (widget) &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "changes-prevent-symbolic") == 0 &&
         gtk_widget_get_visible (widget) && gtk_widget_get_opacity (widget) > 0.0 &&
         gtk_widget_get_tooltip_text (widget) != NULL;
}

/* A collapsed GtkExpander takes its child out of the widget tree: open
 * them all to see (and count) every row. */
static void
expand_all (GtkWidget *root)
{
  if (GTK_IS_EXPANDER (root))
    gtk_expander_set_expanded (GTK_EXPANDER (root), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    expand_all (child);
}

static gboolean
is_viewport (GtkWidget *widget,
             gpointer   data)
{
  return GTK_IS_VIEWPORT (widget);
}

/* Saves the whole panel, also what is scrolled out of view. */
static void
save_full_panel (Fixture    *f,
                 const char *name)
{
  GtkWidget *viewport = find_widget (f->designer, is_viewport, NULL);
  cairo_surface_t *surface;

  g_assert_nonnull (viewport);
  surface = mdk_test_ui_render (gtk_widget_get_first_child (viewport));
  mdk_test_ui_save (surface, name);
  cairo_surface_destroy (surface);
}

static MdkParamForm *
get_form (Fixture       *f,
          MdkParamOwner  owner)
{
  GtkWidget *form = find_widget (f->designer, is_form_of, GINT_TO_POINTER (owner));

  g_assert_nonnull (form);
  return MDK_PARAM_FORM (form);
}

static GtkWidget *
get_named (Fixture    *f,
           const char *name)
{
  GtkWidget *widget = find_widget (f->designer, is_named, (gpointer) name);

  g_assert_nonnull (widget);
  return widget;
}

static void
assert_param (Fixture       *f,
              MdkParamOwner  owner,
              const char    *id,
              const char    *expected)
{
  g_autofree char *value = mdk_session_get_param (f->session, owner, id);

  g_assert_cmpstr (value, ==, expected);
}

/* Types @text into a spin button and presses Enter (which is what
 * gtk_spin_button_update does on activate). */
static void
type_into_spin (GtkWidget  *spin,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  mdk_test_ui_flush ();
}

static guint
count_groups (const MdkParamSpec *table,
              guint               n)
{
  guint groups = 0;

  for (guint i = 0; i < n; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < i; j++)
        seen |= g_strcmp0 (table[i].group, table[j].group) == 0;
      groups += !seen;
    }
  return groups;
}

static void
check_form_rows (MdkParamForm       *form,
                 const MdkParamSpec *table,
                 guint               n_params)
{
  guint n_table;

  expand_all (GTK_WIDGET (form));
  g_assert_true (mdk_param_form_get_table (form, &n_table) == table);
  g_assert_cmpuint (n_table, ==, n_params);
  g_assert_cmpuint (mdk_param_form_get_n_rows (form), ==, n_params);
  /* Counted in the widget tree too: one editing widget per parameter,
   * one collapsible section per group. */
  g_assert_cmpuint (count_widgets (GTK_WIDGET (form), is_field, NULL), ==, n_params);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (form), is_expander, NULL), ==,
                    count_groups (table, n_params));
  for (guint i = 0; i < n_params; i++)
    {
      GtkWidget *field = mdk_param_form_get_field (form, table[i].id);

      g_assert_nonnull (field);
      g_assert_true (gtk_widget_is_ancestor (field, GTK_WIDGET (form)));
      g_assert_nonnull (gtk_widget_get_tooltip_text (field));
    }
}

/* --- tests -------------------------------------------------------------- */

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  const MdkExperiment *experiment;

  SKIP_WITHOUT_DISPLAY (f);
  experiment = mdk_session_get_experiment (f->session);

  check_form_rows (get_form (f, MDK_PARAM_OWNER_TASK),
                   experiment->task_class->params, experiment->task_class->n_params);
  check_form_rows (get_form (f, MDK_PARAM_OWNER_ALGORITHM),
                   experiment->optimizer_class->params, experiment->optimizer_class->n_params);
  check_form_rows (get_form (f, MDK_PARAM_OWNER_STOP),
                   mdk_stop_param_table, MDK_STOP_N_PARAMS);

  /* Field types follow the parameter types. */
  g_assert_true (GTK_IS_SPIN_BUTTON (mdk_param_form_get_field (get_form (f, MDK_PARAM_OWNER_ALGORITHM),
                                                               "population_size")));
  g_assert_true (GTK_IS_DROP_DOWN (mdk_param_form_get_field (get_form (f, MDK_PARAM_OWNER_ALGORITHM),
                                                             "hidden_activation")));
  g_assert_true (GTK_IS_SWITCH (mdk_param_form_get_field (get_form (f, MDK_PARAM_OWNER_STOP),
                                                          "stop_on_solved")));
  /* Backprop-NEAT and phased search come from the same table. */
  g_assert_true (GTK_IS_SPIN_BUTTON (mdk_param_form_get_field (get_form (f, MDK_PARAM_OWNER_ALGORITHM),
                                                               "backprop_steps")));
  g_assert_true (GTK_IS_DROP_DOWN (mdk_param_form_get_field (get_form (f, MDK_PARAM_OWNER_ALGORITHM),
                                                             "backprop_inheritance")));
  g_assert_true (GTK_IS_DROP_DOWN (mdk_param_form_get_field (get_form (f, MDK_PARAM_OWNER_ALGORITHM),
                                                             "search_mode")));
  /* ± 1e300 is no range for a spin button. */
  g_assert_true (GTK_IS_ENTRY (mdk_param_form_get_field (get_form (f, MDK_PARAM_OWNER_STOP),
                                                         "fitness_target")));
}

static void
test_values_update_session (Fixture       *f,
                            gconstpointer  data)
{
  MdkParamForm *algorithm, *stop;
  GtkWidget *spin;

  SKIP_WITHOUT_DISPLAY (f);
  algorithm = get_form (f, MDK_PARAM_OWNER_ALGORITHM);
  stop = get_form (f, MDK_PARAM_OWNER_STOP);

  spin = mdk_param_form_get_field (algorithm, "population_size");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 150);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 200);
  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "population_size", "200");

  spin = mdk_param_form_get_field (algorithm, "weight_mutate_rate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "0.80");
  type_into_spin (spin, "0.25");
  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "weight_mutate_rate", "0.25");
  /* An arrow step is 0.01 and does not leave float noise in the session. */
  gtk_spin_button_spin (GTK_SPIN_BUTTON (spin), GTK_SPIN_STEP_FORWARD, 0);
  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "weight_mutate_rate", "0.26");

  /* More precision than the field's digits is kept, not rounded away. */
  spin = mdk_param_form_get_field (algorithm, "interspecies_mating_rate");
  type_into_spin (spin, "0.0005");
  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "interspecies_mating_rate", "0.0005");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "0.0005");

  /* Switch, drop-down and entry. */
  gtk_switch_set_active (GTK_SWITCH (mdk_param_form_get_field (stop, "stop_on_solved")), FALSE);
  assert_param (f, MDK_PARAM_OWNER_STOP, "stop_on_solved", "false");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (mdk_param_form_get_field (algorithm, "hidden_activation")), 2);
  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "hidden_activation", "tanh");
  {
    GtkWidget *entry = mdk_param_form_get_field (stop, "fitness_target");

    gtk_editable_set_text (GTK_EDITABLE (entry), "12.5");
    g_signal_emit_by_name (entry, "activate");
    assert_param (f, MDK_PARAM_OWNER_STOP, "fitness_target", "12.5");
  }

  /* A change made elsewhere shows up in the field. */
  g_assert_true (mdk_session_set_param (f->session, MDK_PARAM_OWNER_ALGORITHM,
                                        "population_size", "321", NULL));
  spin = mdk_param_form_get_field (algorithm, "population_size");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 321);
}

static void
test_out_of_range (Fixture       *f,
                   gconstpointer  data)
{
  MdkParamForm *algorithm, *stop;
  GtkWidget *spin, *entry;
  cairo_surface_t *before, *after;
  guint red_before, red_after;
  const char *error;

  SKIP_WITHOUT_DISPLAY (f);
  algorithm = get_form (f, MDK_PARAM_OWNER_ALGORITHM);
  stop = get_form (f, MDK_PARAM_OWNER_STOP);
  spin = mdk_param_form_get_field (algorithm, "weight_mutate_rate");
  expand_all (GTK_WIDGET (algorithm));
  mdk_test_ui_flush ();

  before = mdk_test_ui_render (GTK_WIDGET (algorithm));
  red_before = mdk_test_ui_count_color (before, ERROR_RED, 40);
  g_assert_null (mdk_param_form_get_error (algorithm, "weight_mutate_rate"));

  type_into_spin (spin, "5");
  error = mdk_param_form_get_error (algorithm, "weight_mutate_rate");
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "weight_mutate_rate"));
  /* The session still has the old value; the field keeps what was typed. */
  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "weight_mutate_rate", "0.8");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "5");
  g_assert_true (gtk_widget_has_css_class (spin, "error"));

  /* The reason is on screen, in red. */
  after = mdk_test_ui_render (GTK_WIDGET (algorithm));
  red_after = mdk_test_ui_count_color (after, ERROR_RED, 40);
  g_assert_cmpuint (red_after, >, red_before + 20);
  mdk_test_ui_save (after, "designer-error.png");
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);

  /* Another parameter changing does not wipe the refused text. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (mdk_param_form_get_field (algorithm, "population_size")), 99);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "5");
  g_assert_nonnull (mdk_param_form_get_error (algorithm, "weight_mutate_rate"));

  /* Not a number at all. */
  type_into_spin (spin, "abc");
  g_assert_nonnull (mdk_param_form_get_error (algorithm, "weight_mutate_rate"));
  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "weight_mutate_rate", "0.8");

  /* A whole number is required. */
  type_into_spin (mdk_param_form_get_field (algorithm, "population_size"), "12.5");
  g_assert_nonnull (mdk_param_form_get_error (algorithm, "population_size"));
  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "population_size", "99");

  /* A valid value clears the error. */
  type_into_spin (spin, "0.3");
  g_assert_null (mdk_param_form_get_error (algorithm, "weight_mutate_rate"));
  g_assert_false (gtk_widget_has_css_class (spin, "error"));
  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "weight_mutate_rate", "0.3");

  /* The entry of a huge range is checked by the session as well. */
  entry = mdk_param_form_get_field (stop, "fitness_target");
  gtk_editable_set_text (GTK_EDITABLE (entry), "1e400");
  g_signal_emit_by_name (entry, "activate");
  g_assert_nonnull (mdk_param_form_get_error (stop, "fitness_target"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "1e400");
  assert_param (f, MDK_PARAM_OWNER_STOP, "fitness_target", "0");
  gtk_editable_set_text (GTK_EDITABLE (entry), "-3");
  g_signal_emit_by_name (entry, "activate");
  g_assert_null (mdk_param_form_get_error (stop, "fitness_target"));
  assert_param (f, MDK_PARAM_OWNER_STOP, "fitness_target", "-3");
}

static void
test_switch_task (Fixture       *f,
                  gconstpointer  data)
{
  const MdkTaskClass * const *classes;
  guint n_classes, xor_index = G_MAXUINT, csv_index = G_MAXUINT, classify_index = G_MAXUINT;
  GtkWidget *drop_down;
  MdkParamForm *before, *after;
  guint rows_before;

  SKIP_WITHOUT_DISPLAY (f);
  classes = mdk_task_classes (&n_classes);
  for (guint i = 0; i < n_classes; i++)
    {
      if (classes[i] == &mdk_task_xor_class)
        xor_index = i;
      else if (classes[i] == &mdk_task_csv_class)
        csv_index = i;
      else if (classes[i] == &mdk_task_classify_class)
        classify_index = i;
    }
  g_assert_cmpuint (xor_index, <, n_classes);

  drop_down = get_named (f, "task");
  g_assert_true (mdk_session_get_experiment (f->session)->task_class == &mdk_task_classify_class);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, classify_index);
  /* Held, so that the new form cannot take the old one's address. */
  before = g_object_ref (get_form (f, MDK_PARAM_OWNER_TASK));
  rows_before = mdk_param_form_get_n_rows (before);
  g_assert_cmpuint (rows_before, ==, mdk_task_classify_class.n_params);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), xor_index);
  mdk_test_ui_flush ();
  g_assert_true (mdk_session_get_experiment (f->session)->task_class == &mdk_task_xor_class);
  after = get_form (f, MDK_PARAM_OWNER_TASK);
  g_assert_true (after != before);
  g_object_unref (before);
  g_assert_cmpuint (mdk_param_form_get_n_rows (after), ==, mdk_task_xor_class.n_params);
  g_assert_cmpuint (mdk_param_form_get_n_rows (after), !=, rows_before);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (after), is_field, NULL), ==, mdk_task_xor_class.n_params);

  /* The CSV task's file path has a "…" button next to its entry. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), csv_index);
  mdk_test_ui_flush ();
  after = get_form (f, MDK_PARAM_OWNER_TASK);
  check_form_rows (after, mdk_task_csv_class.params, mdk_task_csv_class.n_params);
  {
    GtkWidget *path = mdk_param_form_get_field (after, "path");
    GtkWidget *browse = gtk_widget_get_next_sibling (path);

    g_assert_true (GTK_IS_ENTRY (path));
    g_assert_true (GTK_IS_BUTTON (browse));
    gtk_editable_set_text (GTK_EDITABLE (path), "/tmp/data.csv");
    g_signal_emit_by_name (path, "activate");
    assert_param (f, MDK_PARAM_OWNER_TASK, "path", "/tmp/data.csv");
  }

  /* A session-side switch is followed too. */
  g_assert_true (mdk_session_set_task (f->session, "classify", NULL));
  mdk_test_ui_flush ();
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, classify_index);
  check_form_rows (get_form (f, MDK_PARAM_OWNER_TASK),
                   mdk_task_classify_class.params, mdk_task_classify_class.n_params);
}

/* The control tasks: every parameter in the designer, and choosing the
 * double pole without velocities sets NEAT as the paper ran it, which the
 * algorithm form shows. */
static void
test_control_tasks (Fixture       *f,
                    gconstpointer  data)
{
  const char *ids[] = { "pole", "double-pole", "multiplexer", "regression", "double-pole-nv" };
  MdkParamForm *algorithm;

  SKIP_WITHOUT_DISPLAY (f);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const MdkTaskClass *klass = mdk_task_class_lookup (ids[i]);

      g_assert_true (mdk_session_set_task (f->session, ids[i], NULL));
      mdk_test_ui_flush ();
      check_form_rows (get_form (f, MDK_PARAM_OWNER_TASK), klass->params, klass->n_params);
    }
  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "allow_recurrent", "true");
  algorithm = get_form (f, MDK_PARAM_OWNER_ALGORITHM);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (mdk_param_form_get_field (algorithm, "allow_recurrent"))));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (mdk_param_form_get_field (algorithm, "target_species"))),
                     ==, 10);
  mdk_test_ui_flush ();
  save_full_panel (f, "designer-double-pole-nv.png");
}

static void
test_reset_group (Fixture       *f,
                  gconstpointer  data)
{
  MdkParamForm *algorithm;
  GtkWidget *rate, *add_node, *size, *reset;

  SKIP_WITHOUT_DISPLAY (f);
  algorithm = get_form (f, MDK_PARAM_OWNER_ALGORITHM);
  rate = mdk_param_form_get_field (algorithm, "weight_mutate_rate");
  add_node = mdk_param_form_get_field (algorithm, "add_node_rate");
  size = mdk_param_form_get_field (algorithm, "population_size");

  type_into_spin (rate, "0.5");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (size), 40);
  type_into_spin (add_node, "7");     /* refused: shows an error */
  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "weight_mutate_rate", "0.5");
  g_assert_nonnull (mdk_param_form_get_error (algorithm, "add_node_rate"));

  reset = mdk_param_form_get_reset_button (algorithm, "Mutation");
  g_assert_nonnull (reset);
  g_assert_true (gtk_widget_get_sensitive (reset));
  g_signal_emit_by_name (reset, "clicked");
  mdk_test_ui_flush ();

  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "weight_mutate_rate", "0.8");
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (rate)), 0.8, 1e-12);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rate)), ==, "0.80");
  g_assert_null (mdk_param_form_get_error (algorithm, "add_node_rate"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_node)), ==, "0.03");
  /* Other groups keep their values. */
  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "population_size", "40");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (size)), ==, 40);

  g_signal_emit_by_name (mdk_param_form_get_reset_button (algorithm, "Population"), "clicked");
  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "population_size", "150");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (size)), ==, 150);
}

static void
test_seed_and_threads (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *seed, *dice, *automatic, *threads;
  guint64 old_seed;

  SKIP_WITHOUT_DISPLAY (f);
  seed = get_named (f, "seed");
  dice = get_named (f, "dice");
  automatic = get_named (f, "threads-auto");
  threads = get_named (f, "threads");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (seed), 4242);
  g_assert_cmpuint (mdk_session_get_experiment (f->session)->seed, ==, 4242);

  old_seed = mdk_session_get_experiment (f->session)->seed;
  g_signal_emit_by_name (dice, "clicked");
  g_assert_cmpuint (mdk_session_get_experiment (f->session)->seed, !=, old_seed);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (seed)), ==,
                     (double) mdk_session_get_experiment (f->session)->seed);

  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (automatic)));
  g_assert_false (gtk_widget_get_sensitive (threads));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (automatic), FALSE);
  g_assert_true (gtk_widget_get_sensitive (threads));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (threads), 3);
  g_assert_cmpuint (mdk_session_get_experiment (f->session)->threads, ==, 3);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (automatic), TRUE);
  g_assert_cmpuint (mdk_session_get_experiment (f->session)->threads, ==, 0);
}

static void
on_state_notify (MdkSession *session,
                 GParamSpec *pspec,
                 Fixture    *f)
{
  f->state_notifications++;
}

static gboolean
is_running (gpointer data)
{
  Fixture *f = data;

  return f->state_notifications > 0 &&
         mdk_session_get_state (f->session) == MDK_SESSION_RUNNING;
}

static gboolean
is_idle (gpointer data)
{
  Fixture *f = data;

  return f->state_notifications > 0 &&
         mdk_session_get_state (f->session) == MDK_SESSION_IDLE;
}

/* Every row of every form: locked exactly when the session says so. */
static guint
check_locks (Fixture *f)
{
  MdkParamOwner owners[] = { MDK_PARAM_OWNER_TASK, MDK_PARAM_OWNER_ALGORITHM, MDK_PARAM_OWNER_STOP };
  guint n_locked = 0;

  for (guint k = 0; k < G_N_ELEMENTS (owners); k++)
    {
      MdkParamForm *form = get_form (f, owners[k]);
      guint n;
      const MdkParamSpec *table = mdk_param_form_get_table (form, &n);

      for (guint i = 0; i < n; i++)
        {
          const char *reason = mdk_session_param_locked_reason (f->session, owners[k], table[i].id);
          GtkWidget *field = mdk_param_form_get_field (form, table[i].id);

          g_assert_cmpstr (mdk_param_form_get_lock_reason (form, table[i].id), ==, reason);
          g_assert_cmpint (gtk_widget_get_sensitive (field), ==, reason == NULL);
          n_locked += reason != NULL;
        }
    }
  return n_locked;
}

static void
test_run_locks (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MdkParamForm *algorithm;
  GtkWidget *size, *rate;
  cairo_surface_t *surface;

  SKIP_WITHOUT_DISPLAY (f);
  algorithm = get_form (f, MDK_PARAM_OWNER_ALGORITHM);
  size = mdk_param_form_get_field (algorithm, "population_size");
  rate = mdk_param_form_get_field (algorithm, "weight_mutate_rate");
  expand_all (GTK_WIDGET (algorithm));
  mdk_test_ui_flush ();

  /* Idle: everything editable, no lock in sight. */
  g_assert_cmpuint (check_locks (f), ==, 0);
  g_assert_cmpuint (count_widgets (f->designer, is_visible_lock, NULL), ==, 0);

  /* A run that keeps running while the test looks at it. */
  g_assert_true (mdk_session_set_param (f->session, MDK_PARAM_OWNER_STOP, "max_generations", "0", NULL));
  g_assert_true (mdk_session_set_param (f->session, MDK_PARAM_OWNER_STOP, "stop_on_solved", "false", NULL));
  g_assert_true (mdk_session_set_param (f->session, MDK_PARAM_OWNER_ALGORITHM, "population_size", "30", NULL));

  g_signal_connect (f->session, "notify::state", G_CALLBACK (on_state_notify), f);
  g_assert_true (mdk_session_run (f->session, &error));
  g_assert_no_error (error);
  g_assert_true (mdk_test_ui_wait (is_running, f, 10000));
  mdk_test_ui_flush ();

  g_assert_cmpuint (check_locks (f), >, 0);
  g_assert_false (gtk_widget_get_sensitive (size));
  g_assert_nonnull (mdk_param_form_get_lock_reason (algorithm, "population_size"));
  g_assert_true (gtk_widget_get_sensitive (rate));
  g_assert_null (mdk_param_form_get_lock_reason (algorithm, "weight_mutate_rate"));
  /* Backprop steps and the search mode change during a run too. */
  g_assert_null (mdk_param_form_get_lock_reason (algorithm, "backprop_steps"));
  g_assert_null (mdk_param_form_get_lock_reason (algorithm, "search_mode"));
  g_assert_false (gtk_widget_get_sensitive (get_named (f, "task")));
  g_assert_false (gtk_widget_get_sensitive (get_named (f, "algorithm")));
  g_assert_false (gtk_widget_get_sensitive (get_named (f, "seed")));
  g_assert_false (gtk_widget_get_sensitive (get_named (f, "dice")));
  g_assert_false (gtk_widget_get_sensitive (get_named (f, "threads-auto")));
  /* Lock icons with their reasons are on screen. */
  g_assert_cmpuint (count_widgets (f->designer, is_visible_lock, NULL), >, 3);

  /* A live parameter still goes to the session (and on to the run). */
  type_into_spin (rate, "0.6");
  g_assert_null (mdk_param_form_get_error (algorithm, "weight_mutate_rate"));
  assert_param (f, MDK_PARAM_OWNER_ALGORITHM, "weight_mutate_rate", "0.6");

  surface = mdk_test_ui_render (f->designer);
  mdk_test_ui_save (surface, "designer-running.png");
  cairo_surface_destroy (surface);
  save_full_panel (f, "designer-running-full.png");

  f->state_notifications = 0;
  mdk_session_reset (f->session);
  g_assert_true (mdk_test_ui_wait (is_idle, f, 10000));
  mdk_test_ui_flush ();

  g_assert_cmpuint (check_locks (f), ==, 0);
  g_assert_cmpuint (count_widgets (f->designer, is_visible_lock, NULL), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (size));
  g_assert_true (gtk_widget_get_sensitive (get_named (f, "task")));
  g_assert_true (gtk_widget_get_sensitive (get_named (f, "seed")));
  g_signal_handlers_disconnect_by_data (f->session, f);
}

typedef struct
{
  GtkAdjustment *adjustment;
  double         start;
  GtkSpinButton *spin;
  double         spin_start;
} ScrollWatch;

static gboolean
panel_scrolled (gpointer data)
{
  ScrollWatch *watch = data;

  return gtk_adjustment_get_value (watch->adjustment) != watch->start;
}

static gboolean
spin_changed (gpointer data)
{
  ScrollWatch *watch = data;

  return gtk_spin_button_get_value (watch->spin) != watch->spin_start;
}

/* Moves the real pointer over the middle of @widget and turns the wheel
 * (button 4 up, 5 down) with xdotool. */
static void
wheel_over (GtkWidget *widget,
            int        button)
{
#ifdef GDK_WINDOWING_X11
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  double x, y, surface_x, surface_y;
  g_autofree char *command = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native),
                                                   gtk_widget_get_width (widget) / 2.0,
                                                   gtk_widget_get_height (widget) / 2.0,
                                                   &x, &y));
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  command = g_strdup_printf ("xdotool mousemove --sync --window %lu %d %d click %d",
                             (gulong) gdk_x11_surface_get_xid (surface),
                             (int) (x + surface_x), (int) (y + surface_y), button);
  g_assert_true (g_spawn_command_line_sync (command, NULL, &err, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
#endif
}

static void
test_wheel_scrolls_panel (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  ScrollWatch watch;
  GtkWidget *scrolled;

  SKIP_WITHOUT_DISPLAY (f);
#ifdef GDK_WINDOWING_X11
  if (xdotool == NULL || !GDK_IS_X11_SURFACE (gtk_native_get_surface (GTK_NATIVE (f->window))))
#endif
    {
      g_test_skip ("needs xdotool on X11");
      return;
    }

  scrolled = gtk_widget_get_ancestor (gtk_widget_get_first_child (
      find_widget (f->designer, is_viewport, NULL)), GTK_TYPE_SCROLLED_WINDOW);
  watch.adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_upper (watch.adjustment), >,
                     gtk_adjustment_get_page_size (watch.adjustment));
  watch.start = gtk_adjustment_get_value (watch.adjustment);
  watch.spin = GTK_SPIN_BUTTON (mdk_param_form_get_field (get_form (f, MDK_PARAM_OWNER_TASK), "points"));
  watch.spin_start = gtk_spin_button_get_value (watch.spin);

  /* The wheel over a spin button that has no focus scrolls the panel and
   * leaves the value alone. */
  wheel_over (GTK_WIDGET (watch.spin), 5);
  g_assert_true (mdk_test_ui_wait (panel_scrolled, &watch, 3000));
  mdk_test_ui_flush ();
  g_assert_cmpfloat (gtk_adjustment_get_value (watch.adjustment), >, watch.start);
  g_assert_cmpfloat (gtk_spin_button_get_value (watch.spin), ==, watch.spin_start);
  assert_param (f, MDK_PARAM_OWNER_TASK, "points", "200");

  /* Once focused, the spin button takes the wheel as usual. */
  gtk_widget_grab_focus (GTK_WIDGET (watch.spin));
  watch.start = gtk_adjustment_get_value (watch.adjustment);
  wheel_over (GTK_WIDGET (watch.spin), 4);
  g_assert_true (mdk_test_ui_wait (spin_changed, &watch, 3000));
  g_assert_cmpfloat (gtk_spin_button_get_value (watch.spin), ==, watch.spin_start + 1);
  assert_param (f, MDK_PARAM_OWNER_TASK, "points", "201");
}

static GtkWidget *
find_file_chooser_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_file_chooser_dialog () != NULL;
}

static gboolean
dialog_has_file (gpointer data)
{
  GtkWidget *dialog = find_file_chooser_dialog ();
  g_autoptr(GFile) file = dialog ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog)) : NULL;

  return file != NULL && g_file_equal (file, data);
}

/* "…" next to a file parameter opens a file chooser titled and filtered
 * for the file's type (in-process without a portal); choosing a file there
 * sets the parameter. */
static void
browse_file (Fixture    *f,
             const char *task_id,
             const char *param,
             const char *pattern,
             const char *contents,
             const char *title,
             const char *filter_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  MdkParamForm *task;
  GtkWidget *entry, *browse, *dialog;
  GtkFileFilter *filter;
  int fd;

  g_assert_true (mdk_session_set_task (f->session, task_id, NULL));
  mdk_test_ui_flush ();
  task = get_form (f, MDK_PARAM_OWNER_TASK);
  entry = mdk_param_form_get_field (task, param);
  browse = gtk_widget_get_next_sibling (entry);
  g_assert_true (GTK_IS_BUTTON (browse));

  fd = g_file_open_tmp (pattern, &path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  close (fd);
  file = g_file_new_for_path (path);

  g_signal_emit_by_name (browse, "clicked");
  g_assert_true (mdk_test_ui_wait (dialog_shown, NULL, 5000));
  dialog = find_file_chooser_dialog ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, title);
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
  g_assert_nonnull (filter);
  g_assert_cmpstr (gtk_file_filter_get_name (filter), ==, filter_name);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, NULL));
  g_assert_true (mdk_test_ui_wait (dialog_has_file, file, 5000));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  mdk_test_ui_flush ();

  g_assert_null (find_file_chooser_dialog ());
  assert_param (f, MDK_PARAM_OWNER_TASK, param, path);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, path);
  g_unlink (path);
}

static void
test_browse_csv (Fixture       *f,
                 gconstpointer  data)
{
  SKIP_WITHOUT_DISPLAY (f);
  browse_file (f, "csv", "path", "designer-XXXXXX.csv", "x,y\n1,0\n", "Open CSV File", "CSV files");
}

/* The maze's map: a built-in name typed in the entry, or a file chosen. */
static void
test_browse_maze (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *entry;

  SKIP_WITHOUT_DISPLAY (f);
  browse_file (f, "maze", "map", "designer-XXXXXX.txt", "start 50 50 0\ngoal 150 50\nwall 0 0 300 0\n"
               "wall 0 100 300 100\n", "Open Maze Map", "Maze maps");
  entry = mdk_param_form_get_field (get_form (f, MDK_PARAM_OWNER_TASK), "map");
  gtk_editable_set_text (GTK_EDITABLE (entry), "hard");
  g_signal_emit_by_name (entry, "activate");
  assert_param (f, MDK_PARAM_OWNER_TASK, "map", "hard");
}

/* Every algorithm of the registry can be chosen, and its form is built
 * from its parameter table; a bad network shape is refused when the run
 * starts, naming the parameter. */
static void
test_every_algorithm (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const neat_only[] = {
    "backprop_steps", "backprop_method", "backprop_inheritance", "search_mode", "phase_complexity_ceiling",
  };
  const MdkOptimizerClass * const *classes;
  guint n_classes;
  GtkWidget *drop_down;
  g_autoptr(GError) error = NULL;

  SKIP_WITHOUT_DISPLAY (f);
  classes = mdk_optimizer_classes (&n_classes);
  drop_down = get_named (f, "algorithm");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down))), ==, n_classes);
  for (guint i = 0; i < n_classes; i++)
    {
      MdkParamForm *form;

      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), i);
      mdk_test_ui_flush ();
      g_assert_true (mdk_session_get_experiment (f->session)->optimizer_class == classes[i]);
      form = get_form (f, MDK_PARAM_OWNER_ALGORITHM);
      expand_all (GTK_WIDGET (form));
      mdk_test_ui_flush ();
      g_assert_cmpuint (mdk_param_form_get_n_rows (form), ==, classes[i]->n_params);
      g_assert_cmpuint (count_widgets (GTK_WIDGET (form), is_field, NULL), ==, classes[i]->n_params);
      /* Backprop-NEAT and phased search are NEAT's alone. */
      for (guint k = 0; k < G_N_ELEMENTS (neat_only); k++)
        g_assert_true ((mdk_param_form_get_field (form, neat_only[k]) != NULL) ==
                       (classes[i] == &mdk_neat_class));
      if (g_str_equal (classes[i]->id, "cmaes"))
        {
          save_full_panel (f, "designer-cmaes.png");
          g_assert_true (mdk_session_set_param (f->session, MDK_PARAM_OWNER_ALGORITHM, "hidden_layers", "8,x",
                                                &error));
          g_assert_false (mdk_session_run (f->session, &error));
          g_assert_nonnull (strstr (error->message, "hidden_layers"));
          g_clear_error (&error);
          g_assert_cmpint (mdk_session_get_state (f->session), ==, MDK_SESSION_IDLE);
        }
    }

  /* Back from an evolution strategy, NEAT's rows are there again. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 0);
  mdk_test_ui_flush ();
  g_assert_true (classes[0] == &mdk_neat_class);
  for (guint k = 0; k < G_N_ELEMENTS (neat_only); k++)
    g_assert_nonnull (mdk_param_form_get_field (get_form (f, MDK_PARAM_OWNER_ALGORITHM), neat_only[k]));
}

static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  cairo_surface_t *surface;

  SKIP_WITHOUT_DISPLAY (f);
  surface = mdk_test_ui_render (f->designer);
  g_assert_cmpint (cairo_image_surface_get_width (surface), >=, 320);
  mdk_test_ui_save (surface, "designer-idle.png");
  cairo_surface_destroy (surface);
  save_full_panel (f, "designer-idle-full.png");
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  mdk_test_ui_init (&argc, &argv);

  g_test_add ("/ui/designer/rows", Fixture, NULL,
              fixture_setup, test_rows, fixture_teardown);
  g_test_add ("/ui/designer/values-update-session", Fixture, NULL,
              fixture_setup, test_values_update_session, fixture_teardown);
  g_test_add ("/ui/designer/out-of-range", Fixture, NULL,
              fixture_setup, test_out_of_range, fixture_teardown);
  g_test_add ("/ui/designer/switch-task", Fixture, NULL,
              fixture_setup, test_switch_task, fixture_teardown);
  g_test_add ("/ui/designer/control-tasks", Fixture, NULL,
              fixture_setup, test_control_tasks, fixture_teardown);
  g_test_add ("/ui/designer/reset-group", Fixture, NULL,
              fixture_setup, test_reset_group, fixture_teardown);
  g_test_add ("/ui/designer/seed-and-threads", Fixture, NULL,
              fixture_setup, test_seed_and_threads, fixture_teardown);
  g_test_add ("/ui/designer/run-locks", Fixture, NULL,
              fixture_setup, test_run_locks, fixture_teardown);
  g_test_add ("/ui/designer/browse-csv", Fixture, NULL,
              fixture_setup, test_browse_csv, fixture_teardown);
  g_test_add ("/ui/designer/browse-maze", Fixture, NULL,
              fixture_setup, test_browse_maze, fixture_teardown);
  g_test_add ("/ui/designer/wheel-scrolls-panel", Fixture, NULL,
              fixture_setup, test_wheel_scrolls_panel, fixture_teardown);
  g_test_add ("/ui/designer/every-algorithm", Fixture, NULL,
              fixture_setup, test_every_algorithm, fixture_teardown);
  g_test_add ("/ui/designer/screenshot", Fixture, NULL,
              fixture_setup, test_screenshot, fixture_teardown);

  return g_test_run ();
}
