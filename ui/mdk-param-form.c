#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-param-form.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* A spin button's arrows make no sense for 0 … 1e15 or ± 1e300: such real
 * ranges get an entry checked by the session instead (whole numbers always
 * fit a spin button). */
#define SPIN_MAX_SPAN 1e7

typedef struct _Group Group;

typedef struct
{
  MdkParamForm         *form;         /* borrowed: the form owns the row */
  const MdkParamSpec   *spec;
  Group                *group;
  GtkWidget            *label;
  GtkWidget            *range;        /* numbers only */
  GtkWidget            *field;
  GtkWidget            *browse;       /* "…" of a file path, or NULL */
  GtkWidget            *lock;
  GtkWidget            *error;
  GtkFileChooserNative *chooser;
  char                 *last_value;   /* the session's value when last shown */
  char                 *lock_reason;
  guint                 digits;
  gboolean              hold_text;    /* spin button: keep the refused text */
} Row;

struct _Group
{
  MdkParamForm *form;
  const char   *name;                 /* untranslated, as in the table */
  GtkWidget    *expander;
  GtkWidget    *grid;
  GtkWidget    *reset;
  int           n_lines;
};

struct _MdkParamForm
{
  GtkWidget           parent_instance;

  MdkSession         *session;
  MdkParamOwner       owner;
  const MdkParamSpec *table;
  guint               n_params;

  GtkWidget          *box;
  GPtrArray          *rows;           /* Row */
  GPtrArray          *groups;         /* Group */
  Row                *committing;     /* its refresh must not rewrite it */
  guint               updating;       /* writing values: do not commit them */
  gboolean            disposed;
};

G_DEFINE_FINAL_TYPE (MdkParamForm, mdk_param_form, GTK_TYPE_WIDGET)

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->last_value);
  g_free (row->lock_reason);
  g_free (row);
}

/* Numbers on screen follow the locale (the session takes ASCII). */
static char *
format_display (const MdkParamSpec *spec,
                double              value)
{
  if (spec->type == MDK_PARAM_INT)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%g", value);
}

/* Reads what the user typed, in the locale's format or in C's. */
static gboolean
parse_number (const MdkParamSpec *spec,
              const char         *text,
              double             *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double v;

  if (copy[0] == '\0')
    return FALSE;
  v = g_strtod (copy, &end);
  if (end == NULL || *end != '\0' || !isfinite (v))
    return FALSE;
  if (spec->type == MDK_PARAM_INT && v != floor (v))
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
uses_spin_button (const MdkParamSpec *spec)
{
  return spec->type == MDK_PARAM_INT ||
         (spec->type == MDK_PARAM_DOUBLE && spec->max - spec->min <= SPIN_MAX_SPAN);
}

/* Probabilities move by 0.01; other numbers by a tenth of the default's
 * order of magnitude, so 2.5 steps by 0.1 and 0.4 by 0.01. */
static void
spin_shape (const MdkParamSpec *spec,
            double             *step,
            guint              *digits)
{
  double span = spec->max - spec->min;
  double ref;
  int exponent;

  if (spec->type == MDK_PARAM_INT)
    {
      *step = 1.0;
      *digits = 0;
      return;
    }
  if (span <= 1.0)
    {
      *step = 0.01;
      *digits = 2;
      return;
    }
  ref = fabs (spec->def) > 0.0 ? fabs (spec->def) : span / 100.0;
  exponent = CLAMP ((int) floor (log10 (ref)) - 1, -3, 3);
  *step = pow (10.0, exponent);
  *digits = exponent < 0 ? (guint) -exponent : 1;
}

static char *
format_spin_value (Row    *row,
                   double  value)
{
  char *text;

  if (row->spec->type == MDK_PARAM_INT)
    return g_strdup_printf ("%.0f", value);
  text = g_strdup_printf ("%.*f", (int) row->digits, value);
  /* Never show fewer digits than the value has: the text is parsed back
   * when the field loses focus and must not round the parameter. */
  if (fabs (g_strtod (text, NULL) - value) > fabs (value) * 1e-12)
    {
      g_free (text);
      text = g_strdup_printf ("%.12g", value);
    }
  return text;
}

static void
row_show_error (Row        *row,
                const char *message)
{
  gtk_label_set_text (GTK_LABEL (row->error), message ? message : "");
  gtk_widget_set_visible (row->error, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (row->field, "error");
  else
    gtk_widget_remove_css_class (row->field, "error");
}

static gboolean
row_commit (Row        *row,
            const char *value)
{
  MdkParamForm *self = row->form;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->disposed || self->session == NULL)
    return FALSE;

  self->committing = row;
  ok = mdk_session_set_param (self->session, self->owner, row->spec->id, value, &error);
  self->committing = NULL;

  if (ok)
    {
      g_free (row->last_value);
      row->last_value = mdk_session_get_param (self->session, self->owner, row->spec->id);
      row_show_error (row, NULL);
    }
  else
    row_show_error (row, error->message);
  return ok;
}

/* Shows @value (the session's string for the parameter) in the field. */
static void
row_write (Row        *row,
           const char *value)
{
  const MdkParamSpec *spec = row->spec;
  MdkParamForm *self = row->form;

  self->updating++;
  switch (spec->type)
    {
    case MDK_PARAM_INT:
    case MDK_PARAM_DOUBLE:
      {
        double v = g_ascii_strtod (value, NULL);

        if (GTK_IS_SPIN_BUTTON (row->field))
          {
            row->hold_text = FALSE;
            /* Always rewrites the text, even when the value is the same. */
            gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->field), v);
          }
        else
          {
            g_autofree char *text = g_strdup_printf ("%.12g", v);
            gtk_editable_set_text (GTK_EDITABLE (row->field), text);
          }
      }
      break;
    case MDK_PARAM_BOOL:
      gtk_switch_set_active (GTK_SWITCH (row->field), g_strcmp0 (value, "true") == 0);
      break;
    case MDK_PARAM_CHOICE:
      for (guint i = 0; spec->choices[i].id != NULL; i++)
        if (g_strcmp0 (spec->choices[i].id, value) == 0)
          {
            gtk_drop_down_set_selected (GTK_DROP_DOWN (row->field), i);
            break;
          }
      break;
    case MDK_PARAM_STRING:
    default:
      gtk_editable_set_text (GTK_EDITABLE (row->field), value);
      break;
    }
  self->updating--;
}

/* The text a user typed, as the session reads it: a number in C's format
 * when it is one, else the text itself (so the session can say why not). */
static char *
number_for_session (const MdkParamSpec *spec,
                    const char         *text)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double v = g_strtod (copy, &end);

  if (copy[0] == '\0' || end == NULL || *end != '\0' || !isfinite (v))
    return g_steal_pointer (&copy);
  if (spec->type == MDK_PARAM_INT)
    {
      if (v != floor (v))
        return g_steal_pointer (&copy);
      return g_strdup_printf ("%.0f", v);
    }
  return g_strdup (mdk_format_double (buf, sizeof buf, v));
}

static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               Row           *row)
{
  const MdkParamSpec *spec = row->spec;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autofree char *value = NULL;
  double v;

  if (parse_number (spec, text, &v) && v >= spec->min && v <= spec->max)
    {
      row->hold_text = FALSE;
      row_show_error (row, NULL);
      *new_value = v;
      return TRUE;
    }

  /* Out of range or not a number: the spin button would clamp or revert
   * it.  Let the session refuse it with its reason instead, keep the text
   * and leave the value as it was. */
  value = number_for_session (spec, text);
  if (row_commit (row, value))
    {
      row->hold_text = FALSE;
      *new_value = g_ascii_strtod (row->last_value, NULL);
      return TRUE;
    }
  row->hold_text = TRUE;
  *new_value = gtk_spin_button_get_value (spin);
  return TRUE;
}

static gboolean
on_spin_output (GtkSpinButton *spin,
                Row           *row)
{
  g_autofree char *text = NULL;

  if (row->hold_text)
    return TRUE;
  text = format_spin_value (row, gtk_spin_button_get_value (spin));
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
on_spin_value_changed (GtkSpinButton *spin,
                       Row           *row)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double v = gtk_spin_button_get_value (spin);

  if (row->form->updating)
    return;
  if (row->spec->type == MDK_PARAM_INT)
    g_snprintf (buf, sizeof buf, "%.0f", v);
  else
    /* 12 digits drop the noise of repeated 0.01 steps (0.81000000000000005). */
    g_ascii_formatd (buf, sizeof buf, "%.12g", v);
  row->hold_text = FALSE;
  row_commit (row, buf);
}

static void
entry_commit (Row *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row->field));
  g_autofree char *value = NULL;

  if (row->form->updating || row->form->disposed)
    return;
  if (row->spec->type == MDK_PARAM_STRING)
    value = g_strdup (text);
  else
    value = number_for_session (row->spec, text);
  /* Leaving an untouched field commits nothing. */
  if (g_strcmp0 (value, row->last_value) == 0 && !gtk_widget_get_visible (row->error))
    return;
  row_commit (row, value);
}

static void
on_entry_activate (GtkEntry *entry,
                   Row      *row)
{
  entry_commit (row);
}

static void
on_entry_leave (GtkEventControllerFocus *controller,
                Row                     *row)
{
  entry_commit (row);
}

static void
on_switch_active (GtkSwitch  *widget,
                  GParamSpec *pspec,
                  Row        *row)
{
  if (row->form->updating)
    return;
  row_commit (row, gtk_switch_get_active (widget) ? "true" : "false");
}

static void
on_drop_down_selected (GtkDropDown *drop_down,
                       GParamSpec  *pspec,
                       Row         *row)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (row->form->updating || selected >= mdk_param_choice_count (row->spec))
    return;
  row_commit (row, row->spec->choices[selected].id);
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     Row             *row)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (row->field), path);
          entry_commit (row);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&row->chooser);
}

static void
on_browse_clicked (GtkButton *button,
                   Row       *row)
{
  const MdkParamFileType *type = row->spec->file_type;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  g_autoptr(GtkFileFilter) own = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  const char *current = gtk_editable_get_text (GTK_EDITABLE (row->field));

  if (row->chooser != NULL)
    return;

  row->chooser = gtk_file_chooser_native_new (_(type->title),
                                              GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              GTK_FILE_CHOOSER_ACTION_OPEN,
                                              _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (row->chooser), TRUE);

  gtk_file_filter_set_name (own, _(type->filter_name));
  gtk_file_filter_add_suffix (own, type->suffix);
  if (type->mime_type != NULL)
    gtk_file_filter_add_mime_type (own, type->mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (row->chooser), own);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (row->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (row->chooser), own);

  /* Start in the folder of the file named, if a path names one (a map may
   * also be a built-in name). */
  if (current != NULL && g_path_is_absolute (current))
    {
      g_autoptr(GFile) file = g_file_new_for_path (current);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (row->chooser), parent, NULL);
    }

  g_signal_connect (row->chooser, "response", G_CALLBACK (on_chooser_response), row);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (row->chooser));
}

static char *
describe_default (const MdkParamSpec *spec)
{
  switch (spec->type)
    {
    case MDK_PARAM_INT:
    case MDK_PARAM_DOUBLE:
      return format_display (spec, spec->def);
    case MDK_PARAM_BOOL:
      /* TRANSLATORS: the default of a switch that is on */
      return g_strdup (spec->def != 0.0 ? C_("switch", "On") : C_("switch", "Off"));
    case MDK_PARAM_CHOICE:
      if (spec->def >= 0 && spec->def < mdk_param_choice_count (spec))
        return g_strdup (_(spec->choices[(int) spec->def].label));
      return NULL;
    case MDK_PARAM_STRING:
    default:
      return spec->def_str && spec->def_str[0] ? g_strdup (spec->def_str) : NULL;
    }
}

static char *
describe_range (const MdkParamSpec *spec)
{
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;

  if (spec->type != MDK_PARAM_INT && spec->type != MDK_PARAM_DOUBLE)
    return NULL;
  /* ± 1e300 is the core's way of saying "unbounded". */
  if (spec->min <= -1e300 && spec->max >= 1e300)
    return g_strdup (_("any number"));
  lo = format_display (spec, spec->min);
  hi = format_display (spec, spec->max);
  /* TRANSLATORS: a parameter's allowed range, e.g. "0 … 1" */
  return g_strdup_printf (_("%s … %s"), lo, hi);
}

/* Help, then the range, the default and whether it may change mid-run. */
static char *
build_tooltip (const MdkParamSpec *spec)
{
  GString *tip = g_string_new (NULL);
  g_autofree char *range = describe_range (spec);
  g_autofree char *def = describe_default (spec);

  if (spec->help != NULL)
    g_string_append (tip, _(spec->help));
  if (range != NULL)
    {
      g_string_append (tip, tip->len ? "\n" : "");
      /* TRANSLATORS: tooltip line of a parameter, e.g. "Range: 0 … 1" */
      g_string_append_printf (tip, _("Range: %s"), range);
    }
  if (def != NULL)
    {
      g_string_append (tip, tip->len ? "\n" : "");
      /* TRANSLATORS: tooltip line of a parameter, e.g. "Default: 0.8" */
      g_string_append_printf (tip, _("Default: %s"), def);
    }
  if (spec->flags & MDK_PARAM_FLAG_LIVE)
    {
      g_string_append (tip, tip->len ? "\n" : "");
      g_string_append (tip, _("Can be changed during a run: applies from the next generation."));
    }
  return g_string_free (tip, FALSE);
}

static GtkWidget *
create_field (MdkParamForm *self,
              Row          *row)
{
  const MdkParamSpec *spec = row->spec;
  GtkWidget *field;

  switch (spec->type)
    {
    case MDK_PARAM_INT:
    case MDK_PARAM_DOUBLE:
      if (uses_spin_button (spec))
        {
          double step;
          GtkAdjustment *adjustment;

          spin_shape (spec, &step, &row->digits);
          adjustment = gtk_adjustment_new (spec->def, spec->min, spec->max, step, step * 10, 0);
          field = gtk_spin_button_new (adjustment, step, row->digits);
          gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (field), GTK_UPDATE_ALWAYS);
          gtk_editable_set_width_chars (GTK_EDITABLE (field), 6);
          gtk_editable_set_max_width_chars (GTK_EDITABLE (field), 6);
          g_signal_connect (field, "input", G_CALLBACK (on_spin_input), row);
          g_signal_connect (field, "output", G_CALLBACK (on_spin_output), row);
          g_signal_connect (field, "value-changed", G_CALLBACK (on_spin_value_changed), row);
        }
      else
        {
          GtkEventController *focus = gtk_event_controller_focus_new ();

          field = gtk_entry_new ();
          gtk_editable_set_width_chars (GTK_EDITABLE (field), 8);
          g_signal_connect (field, "activate", G_CALLBACK (on_entry_activate), row);
          g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave), row);
          gtk_widget_add_controller (field, focus);
        }
      break;

    case MDK_PARAM_BOOL:
      field = gtk_switch_new ();
      gtk_widget_set_halign (field, GTK_ALIGN_END);
      gtk_widget_set_valign (field, GTK_ALIGN_CENTER);
      g_signal_connect (field, "notify::active", G_CALLBACK (on_switch_active), row);
      break;

    case MDK_PARAM_CHOICE:
      {
        guint n = mdk_param_choice_count (spec);
        g_autofree const char **labels = g_new0 (const char *, n + 1);

        for (guint i = 0; i < n; i++)
          labels[i] = _(spec->choices[i].label);
        field = gtk_drop_down_new_from_strings (labels);
        g_signal_connect (field, "notify::selected", G_CALLBACK (on_drop_down_selected), row);
      }
      break;

    case MDK_PARAM_STRING:
    default:
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        field = gtk_entry_new ();
        gtk_editable_set_width_chars (GTK_EDITABLE (field), 8);
        gtk_widget_set_hexpand (field, TRUE);
        g_signal_connect (field, "activate", G_CALLBACK (on_entry_activate), row);
        g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave), row);
        gtk_widget_add_controller (field, focus);
      }
      break;
    }

  gtk_accessible_update_relation (GTK_ACCESSIBLE (field),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row->label, NULL,
                                  -1);
  return field;
}

/* Choices and texts take the width of the panel on a line of their own;
 * numbers and switches sit to the right of their label. */
static gboolean
is_wide (const MdkParamSpec *spec)
{
  return spec->type == MDK_PARAM_CHOICE || spec->type == MDK_PARAM_STRING;
}

static void
add_row (MdkParamForm       *self,
         Group              *group,
         const MdkParamSpec *spec)
{
  Row *row = g_new0 (Row, 1);
  GtkGrid *grid = GTK_GRID (group->grid);
  g_autofree char *tooltip = build_tooltip (spec);
  g_autofree char *range = describe_range (spec);
  GtkWidget *label_box;
  GtkWidget *field_line;

  row->form = self;
  row->spec = spec;
  row->group = group;

  label_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (label_box, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (label_box, TRUE);
  row->label = gtk_label_new (_(spec->label));
  gtk_label_set_xalign (GTK_LABEL (row->label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (row->label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (row->label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (row->label), 24);
  gtk_box_append (GTK_BOX (label_box), row->label);
  if (range != NULL)
    {
      row->range = gtk_label_new (range);
      gtk_label_set_xalign (GTK_LABEL (row->range), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (row->range), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (row->range, "dim-label");
      gtk_widget_add_css_class (row->range, "range-hint");
      gtk_widget_add_css_class (row->range, "caption");
      gtk_box_append (GTK_BOX (label_box), row->range);
    }
  gtk_widget_set_tooltip_text (label_box, tooltip);

  row->field = create_field (self, row);
  gtk_widget_set_tooltip_text (row->field, tooltip);

  row->lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
  gtk_widget_set_valign (row->lock, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row->lock, "dim-label");
  /* Kept in the layout while hidden so that fields do not jump when a run
   * starts and locks appear. */
  gtk_widget_set_opacity (row->lock, 0.0);

  row->error = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->error), 0.0);
  gtk_label_set_wrap (GTK_LABEL (row->error), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (row->error), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (row->error), 30);
  gtk_widget_add_css_class (row->error, "error");
  gtk_widget_add_css_class (row->error, "param-error");
  gtk_widget_add_css_class (row->error, "caption");
  gtk_widget_set_visible (row->error, FALSE);

  if (spec->type == MDK_PARAM_STRING && spec->file_type != NULL)
    {
      row->browse = gtk_button_new_with_label ("…");
      gtk_widget_set_tooltip_text (row->browse, _("Choose a file"));
      g_signal_connect (row->browse, "clicked", G_CALLBACK (on_browse_clicked), row);
    }

  if (is_wide (spec))
    {
      gtk_grid_attach (grid, label_box, 0, group->n_lines++, 2, 1);
      field_line = row->field;
      if (row->browse != NULL)
        {
          field_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
          gtk_widget_add_css_class (field_line, "linked");
          gtk_box_append (GTK_BOX (field_line), row->field);
          gtk_box_append (GTK_BOX (field_line), row->browse);
        }
      gtk_grid_attach (grid, field_line, 0, group->n_lines, 2, 1);
      gtk_grid_attach (grid, row->lock, 2, group->n_lines++, 1, 1);
    }
  else
    {
      gtk_grid_attach (grid, label_box, 0, group->n_lines, 1, 1);
      gtk_grid_attach (grid, row->field, 1, group->n_lines, 1, 1);
      gtk_widget_set_valign (row->field, GTK_ALIGN_CENTER);
      gtk_grid_attach (grid, row->lock, 2, group->n_lines++, 1, 1);
    }
  gtk_grid_attach (grid, row->error, 0, group->n_lines++, 3, 1);

  g_ptr_array_add (self->rows, row);
}

static void
on_reset_clicked (GtkButton *button,
                  Group     *group)
{
  MdkParamForm *self = group->form;

  /* Rewrite every field of the group, even one that shows refused text
   * while the session still holds the default. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (row->group != group)
        continue;
      row->hold_text = FALSE;
      row_show_error (row, NULL);
      g_clear_pointer (&row->last_value, g_free);
    }
  mdk_session_reset_group (self->session, self->owner, group->name);
  mdk_param_form_refresh (self);
}

static Group *
add_group (MdkParamForm *self,
           const char   *name)
{
  Group *group = g_new0 (Group, 1);
  GtkWidget *title, *content;

  group->form = self;
  group->name = name;

  title = gtk_label_new (name ? _(name) : _("Parameters"));
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_add_css_class (title, "heading");
  group->expander = gtk_expander_new (NULL);
  gtk_expander_set_label_widget (GTK_EXPANDER (group->expander), title);
  gtk_expander_set_expanded (GTK_EXPANDER (group->expander), self->groups->len == 0);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (content, 6);
  gtk_widget_set_margin_start (content, 18);

  group->grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (group->grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (group->grid), 8);
  gtk_box_append (GTK_BOX (content), group->grid);

  group->reset = gtk_button_new_with_label (_("Reset to defaults"));
  gtk_widget_set_tooltip_text (group->reset, _("Set every parameter of this group back to its default"));
  gtk_widget_add_css_class (group->reset, "flat");
  gtk_widget_set_halign (group->reset, GTK_ALIGN_END);
  g_signal_connect (group->reset, "clicked", G_CALLBACK (on_reset_clicked), group);
  gtk_box_append (GTK_BOX (content), group->reset);

  gtk_expander_set_child (GTK_EXPANDER (group->expander), content);
  gtk_box_append (GTK_BOX (self->box), group->expander);
  g_ptr_array_add (self->groups, group);
  return group;
}

static Group *
find_group (MdkParamForm *self,
            const char   *name)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      Group *group = g_ptr_array_index (self->groups, i);

      if (g_strcmp0 (group->name, name) == 0)
        return group;
    }
  return NULL;
}

static Row *
find_row (MdkParamForm *self,
          const char   *id)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->spec->id, id) == 0)
        return row;
    }
  return NULL;
}

static void
mdk_param_form_dispose (GObject *object)
{
  MdkParamForm *self = MDK_PARAM_FORM (object);

  self->disposed = TRUE;
  /* dispose may run twice: the fields only exist the first time. */
  if (self->box != NULL)
    {
      for (guint i = 0; i < self->rows->len; i++)
        {
          Row *row = g_ptr_array_index (self->rows, i);

          g_signal_handlers_disconnect_by_data (row->field, row);
          if (row->chooser != NULL)
            {
              g_signal_handlers_disconnect_by_data (row->chooser, row);
              gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (row->chooser));
              g_clear_object (&row->chooser);
            }
        }
      g_clear_pointer (&self->box, gtk_widget_unparent);
    }
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mdk_param_form_parent_class)->dispose (object);
}

static void
mdk_param_form_finalize (GObject *object)
{
  MdkParamForm *self = MDK_PARAM_FORM (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (mdk_param_form_parent_class)->finalize (object);
}

static void
mdk_param_form_class_init (MdkParamFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdk_param_form_dispose;
  object_class->finalize = mdk_param_form_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "paramform");
}

static void
mdk_param_form_init (MdkParamForm *self)
{
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->groups = g_ptr_array_new_with_free_func (g_free);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
mdk_param_form_new (MdkSession         *session,
                    MdkParamOwner       owner,
                    const MdkParamSpec *table,
                    guint               n_params)
{
  MdkParamForm *self;

  g_return_val_if_fail (MDK_IS_SESSION (session), NULL);
  g_return_val_if_fail (table != NULL || n_params == 0, NULL);

  self = g_object_new (MDK_TYPE_PARAM_FORM, NULL);
  self->session = g_object_ref (session);
  self->owner = owner;
  self->table = table;
  self->n_params = n_params;

  for (guint i = 0; i < n_params; i++)
    {
      Group *group = find_group (self, table[i].group);

      if (group == NULL)
        group = add_group (self, table[i].group);
      add_row (self, group, &table[i]);
    }

  if (n_params == 0)
    {
      GtkWidget *none = gtk_label_new (_("No parameters to set."));

      gtk_label_set_xalign (GTK_LABEL (none), 0.0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (self->box), none);
    }

  mdk_param_form_refresh (self);
  return GTK_WIDGET (self);
}

void
mdk_param_form_refresh (MdkParamForm *self)
{
  g_return_if_fail (MDK_IS_PARAM_FORM (self));

  if (self->disposed || self->session == NULL)
    return;

  for (guint i = 0; i < self->groups->len; i++)
    {
      Group *group = g_ptr_array_index (self->groups, i);
      gboolean any_editable = FALSE;

      for (guint j = 0; j < self->rows->len; j++)
        {
          Row *row = g_ptr_array_index (self->rows, j);
          g_autofree char *value = NULL;
          const char *reason;

          if (row->group != group)
            continue;

          value = mdk_session_get_param (self->session, self->owner, row->spec->id);
          if (value != NULL && row != self->committing &&
              g_strcmp0 (value, row->last_value) != 0)
            {
              row_show_error (row, NULL);
              row_write (row, value);
              g_free (row->last_value);
              row->last_value = g_steal_pointer (&value);
            }

          reason = mdk_session_param_locked_reason (self->session, self->owner, row->spec->id);
          if (g_strcmp0 (reason, row->lock_reason) != 0)
            {
              g_free (row->lock_reason);
              row->lock_reason = g_strdup (reason);
              gtk_widget_set_sensitive (row->field, reason == NULL);
              gtk_widget_set_sensitive (row->label, reason == NULL);
              if (row->browse != NULL)
                gtk_widget_set_sensitive (row->browse, reason == NULL);
              gtk_widget_set_opacity (row->lock, reason != NULL ? 1.0 : 0.0);
              gtk_widget_set_tooltip_text (row->lock, reason);
            }
          any_editable |= reason == NULL;
        }
      gtk_widget_set_sensitive (group->reset, any_editable);
    }
}

MdkParamOwner
mdk_param_form_get_owner (MdkParamForm *self)
{
  g_return_val_if_fail (MDK_IS_PARAM_FORM (self), MDK_PARAM_OWNER_TASK);
  return self->owner;
}

const MdkParamSpec *
mdk_param_form_get_table (MdkParamForm *self,
                          guint        *n_params)
{
  g_return_val_if_fail (MDK_IS_PARAM_FORM (self), NULL);
  if (n_params != NULL)
    *n_params = self->n_params;
  return self->table;
}

guint
mdk_param_form_get_n_rows (MdkParamForm *self)
{
  g_return_val_if_fail (MDK_IS_PARAM_FORM (self), 0);
  return self->rows->len;
}

GtkWidget *
mdk_param_form_get_field (MdkParamForm *self,
                          const char   *id)
{
  Row *row;

  g_return_val_if_fail (MDK_IS_PARAM_FORM (self), NULL);
  row = find_row (self, id);
  return row ? row->field : NULL;
}

const char *
mdk_param_form_get_error (MdkParamForm *self,
                          const char   *id)
{
  Row *row;

  g_return_val_if_fail (MDK_IS_PARAM_FORM (self), NULL);
  row = find_row (self, id);
  if (row == NULL || !gtk_widget_get_visible (row->error))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (row->error));
}

const char *
mdk_param_form_get_lock_reason (MdkParamForm *self,
                                const char   *id)
{
  Row *row;

  g_return_val_if_fail (MDK_IS_PARAM_FORM (self), NULL);
  row = find_row (self, id);
  if (row == NULL || gtk_widget_get_opacity (row->lock) == 0.0)
    return NULL;
  return gtk_widget_get_tooltip_text (row->lock);
}

GtkWidget *
mdk_param_form_get_reset_button (MdkParamForm *self,
                                 const char   *group)
{
  Group *found;

  g_return_val_if_fail (MDK_IS_PARAM_FORM (self), NULL);
  found = find_group (self, group);
  return found ? found->reset : NULL;
}
