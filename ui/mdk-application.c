#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-application.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "mdk-help-window.h"
#include <math.h>

#include "mdk-recovery-offer.h"
#include "mdk-resources.h"
#include "mdk-window.h"

struct _MdkApplication
{
  GtkApplication parent_instance;
  gboolean       recovery_offered;
};

G_DEFINE_FINAL_TYPE (MdkApplication, mdk_application, GTK_TYPE_APPLICATION)

/* The resource bundle lives in a static library: register it by hand, once
 * (PLATFORM.md, P1). */
void
mdk_resources_register (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      mdk_register_resource ();
      g_once_init_leave (&once, 1);
    }
}

static void
load_css (void)
{
  GtkCssProvider *provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/io/github/medakastudio/Medaka/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (provider);
}

/* Once, at the start: what a crash left behind. */
static void
offer_recovery (MdkApplication *self,
                GtkWindow      *window)
{
  if (self->recovery_offered || !MDK_IS_WINDOW (window))
    return;
  self->recovery_offered = TRUE;
  mdk_recovery_offer (MDK_WINDOW (window));
}

static void
mdk_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (mdk_window_new (GTK_APPLICATION (app)));
  gtk_window_present (window);
  offer_recovery (MDK_APPLICATION (app), window);
}

/* "medaka FILE…" and the file manager: a window for each project. */
static void
mdk_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      MdkWindow *window = mdk_window_new (GTK_APPLICATION (app));

      gtk_window_present (GTK_WINDOW (window));
      mdk_window_open_file (window, files[i]);
      if (i == n_files - 1)
        offer_recovery (MDK_APPLICATION (app), GTK_WINDOW (window));
    }
}

static void
mdk_application_startup (GApplication *app)
{
  /* Before GTK's startup: it looks for gtk/help-overlay.ui in the
   * resources to set up the Keyboard Shortcuts window. */
  mdk_resources_register ();
  G_APPLICATION_CLASS (mdk_application_parent_class)->startup (app);
  load_css ();
  gtk_window_set_default_icon_name (MDK_APPLICATION_ID);
}

/**
 * mdk_application_about_new:
 *
 * The About dialog: version, licence and credits.
 */
GtkWidget *
mdk_application_about_new (void)
{
  const char *authors[] = { _("The Medaka developers"), NULL };

  return g_object_new (GTK_TYPE_ABOUT_DIALOG,
                       "program-name", _("Medaka"),
                       "logo-icon-name", MDK_APPLICATION_ID,
                       "version", PACKAGE_VERSION,
                       "comments", _("A visual studio for neuroevolution: design an experiment, watch a population of neural networks evolve, and keep every result reproducible."),
                       "license-type", GTK_LICENSE_GPL_3_0,
                       "authors", authors,
                       "translator-credits", _("translator-credits"),
                       "copyright", _("© 2026 The Medaka developers"),
                       NULL);
}

/* A dialog or window over the window the action came from. */
static void
present_over_active (GtkApplication *app,
                     GtkWidget      *window)
{
  gtk_window_set_transient_for (GTK_WINDOW (window), gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (window));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkWidget *about = mdk_application_about_new ();

  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  present_over_active (user_data, about);
}

/* The user guide, in the user's language when it is written in it. */
static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  present_over_active (user_data, mdk_help_window_new ());
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Windows stop their runs cleanly as they go; one with unsaved work
   * asks first. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;
      windows = windows->next;
      gtk_window_close (window);
    }
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data);

static const GActionEntry app_actions[] = {
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
  { "help", help_activated, NULL, NULL, NULL, { 0 } },
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "preferences", preferences_activated, NULL, NULL, NULL, { 0 } },
};

static void
mdk_application_class_init (MdkApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = mdk_application_activate;
  app_class->open = mdk_application_open;
  app_class->startup = mdk_application_startup;
}

static void
mdk_application_init (MdkApplication *self)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *prefs_accels[] = { "<Control>comma", NULL };
  const char *help_accels[] = { "F1", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
}

MdkApplication *
mdk_application_new (void)
{
  return g_object_new (MDK_TYPE_APPLICATION,
                       "application-id", MDK_APPLICATION_ID,
                       "resource-base-path", "/io/github/medakastudio/Medaka",
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       NULL);
}

/* The application's settings, or NULL when the schema is not installed
 * (an uninstalled build run without GSETTINGS_SCHEMA_DIR). */
GSettings *
mdk_application_get_settings (void)
{
  static GSettings *settings;
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = source
        ? g_settings_schema_source_lookup (source, MDK_APPLICATION_ID, TRUE) : NULL;

      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
      g_once_init_leave (&once, 1);
    }
  return settings;
}

/* The setting counts seconds (tests use a few); people think in minutes. */
static gboolean
seconds_to_minutes (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, round (g_variant_get_uint32 (variant) / 60.0));
  return TRUE;
}

static GVariant *
minutes_to_seconds (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) (g_value_get_double (value) * 60));
}

/**
 * mdk_application_apply_language:
 *
 * Makes the language chosen in Preferences (the "language" setting) the
 * language of the messages, before anything is translated: called once at
 * start, after setlocale ().  An empty setting follows the system.
 */
void
mdk_application_apply_language (void)
{
  GSettings *settings = mdk_application_get_settings ();
  g_autofree char *language = settings ? g_settings_get_string (settings, "language") : NULL;
  const char *messages;

  if (language == NULL || *language == '\0')
    return;
  g_setenv ("LANGUAGE", language, TRUE);
  /* glibc ignores LANGUAGE in the C locale: messages need a UTF-8 one
   * (PLATFORM.md, P2).  Through the environment, because gtk_init ()
   * calls setlocale () again. */
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    {
      if (g_getenv ("LC_ALL") != NULL && *g_getenv ("LC_ALL") != '\0')
        g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      g_setenv ("LC_MESSAGES", "C.UTF-8", TRUE);
      setlocale (LC_ALL, "");
    }
  /* Setting the same default domain again makes gettext drop what it
   * cached for the previous language; the domain stays "messages" (P3). */
  textdomain (textdomain (NULL));
}

/* Languages offered in Preferences, by their "language" setting. */
static const char *languages[] = { "", "en", "ja" };

static gboolean
language_to_index (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *language = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (language, languages[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
index_to_language (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return i < G_N_ELEMENTS (languages) ? g_variant_new_string (languages[i]) : NULL;
}

/**
 * mdk_application_preferences_new:
 *
 * The Preferences dialog, bound to the settings.
 */
GtkWidget *
mdk_application_preferences_new (void)
{
  GSettings *settings = mdk_application_get_settings ();
  GtkWidget *dialog, *grid, *label, *spin, *log_switch, *note, *language, *autosave,
            *autosave_box;
  /* Each language by its own name; the first follows the system. */
  const char *language_names[] = { _("System default"), "English", "日本語", NULL };

  dialog = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (dialog), _("Preferences"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 420, -1);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_widget_set_margin_start (grid, 24);
  gtk_widget_set_margin_end (grid, 24);
  gtk_widget_set_margin_top (grid, 24);
  gtk_widget_set_margin_bottom (grid, 24);

  label = gtk_label_new_with_mnemonic (_("Evaluation _threads of new experiments"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  spin = gtk_spin_button_new_with_range (0, 1024, 1);
  gtk_widget_set_tooltip_text (spin, _("0 uses one thread per processor core"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), spin, 1, 0, 1, 1);

  label = gtk_label_new_with_mnemonic (_("_Logarithmic value axis in plots"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  log_switch = gtk_switch_new ();
  gtk_widget_set_halign (log_switch, GTK_ALIGN_END);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), log_switch);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), log_switch, 1, 1, 1, 1);

  label = gtk_label_new_with_mnemonic (_("_Language"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  language = gtk_drop_down_new_from_strings (language_names);
  gtk_widget_set_name (language, "language");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), language);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), language, 1, 2, 1, 1);
  note = gtk_label_new (_("The language changes the next time Medaka starts."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), note, 0, 3, 2, 1);
  label = gtk_label_new_with_mnemonic (_("Save a _recovery copy of a running experiment every"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  autosave = gtk_spin_button_new_with_range (0, 1440, 1);
  gtk_widget_set_tooltip_text (autosave, _("If Medaka closes unexpectedly, it offers the copy back at the next start. 0 turns recovery copies off."));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), autosave);
  autosave_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (autosave_box), autosave);
  /* TRANSLATORS: after the number of minutes between recovery copies */
  gtk_box_append (GTK_BOX (autosave_box), gtk_label_new (_("minutes")));
  gtk_grid_attach (GTK_GRID (grid), label, 0, 4, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), autosave_box, 1, 4, 1, 1);

  if (settings != NULL)
    {
      g_settings_bind (settings, "threads", gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin)),
                       "value", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "log-scale", log_switch, "active", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind_with_mapping (settings, "language", language, "selected", G_SETTINGS_BIND_DEFAULT,
                                    language_to_index, index_to_language, NULL, NULL);
      g_settings_bind_with_mapping (settings, "autosave-interval",
                                    gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (autosave)), "value",
                                    G_SETTINGS_BIND_DEFAULT, seconds_to_minutes, minutes_to_seconds,
                                    NULL, NULL);
    }
  else
    {
      /* Nothing to store them in: say so rather than pretend. */
      gtk_widget_set_sensitive (spin, FALSE);
      gtk_widget_set_sensitive (log_switch, FALSE);
      gtk_widget_set_sensitive (language, FALSE);
      gtk_widget_set_sensitive (autosave, FALSE);
      note = gtk_label_new (_("Preferences cannot be changed: Medaka's settings schema is not installed."));
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), note, 0, 5, 2, 1);
    }
  gtk_window_set_child (GTK_WINDOW (dialog), grid);
  return dialog;
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  present_over_active (user_data, mdk_application_preferences_new ());
}
