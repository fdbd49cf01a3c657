/* The studio as a desktop application, in English and in Japanese: the
 * window, the designer and the dialogs translated, the language
 * preference, the Keyboard Shortcuts window against the real shortcuts, the
 * user guide, the About dialog and the icon.  Screenshots of each in both
 * languages go to build/screenshots. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "mdk-application.h"
#include "mdk-graph-editor.h"
#include "mdk-help-window.h"
#include "mdk-test-ui.h"
#include "mdk-window.h"

#define RESOURCE "/io/github/medakastudio/Medaka/"

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
}

/* A fresh window asks before closing its unsaved experiment: discard. */
static void
close_window (MdkWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  {
    GList *toplevels = gtk_window_list_toplevels ();
    GtkDialog *dialog = NULL;

    for (GList *l = toplevels; l != NULL && dialog == NULL; l = l->next)
      if (GTK_IS_MESSAGE_DIALOG (l->data))
        dialog = l->data;
    g_list_free (toplevels);
    /* The response destroys the dialog and then the window. */
    if (dialog != NULL)
      gtk_dialog_response (dialog, 1 /* discard */);
  }
  mdk_test_ui_flush ();
  g_assert_null (window);
}

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_ptr_array_add (texts, (gpointer) gtk_widget_get_tooltip_text (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_texts (root, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (texts->pdata[i], text))
      return TRUE;
  return FALSE;
}

/* English words left in a Japanese window: a string that missed gettext.
 * Names and symbols that stay as they are (po/README.md) do not count. */
static gboolean
is_untranslated (const char *text)
{
  static const char *kept[] = { "Medaka", "NEAT", "XOR", "CSV", "CPPN", NULL };
  g_auto(GStrv) words = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) >= 0x2e80)
      return FALSE;
  /* An English word: four letters or more, not an id like "feature_x". */
  words = g_regex_split_simple ("[^A-Za-z0-9_]+", text, 0, 0);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean letters = strlen (words[i]) >= 4;

      for (const char *p = words[i]; *p != '\0' && letters; p++)
        letters = g_ascii_isalpha (*p);
      if (letters && !g_strv_contains (kept, words[i]))
        return TRUE;
    }
  return FALSE;
}

/* Every label of the window sits inside it: none overflows its edge. */
static void
assert_inside (GtkWidget *window,
               GtkWidget *widget)
{
  int width = gtk_widget_get_width (window);

  if (!gtk_widget_get_mapped (widget) || GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_POPOVER (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
      if (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > width + 0.5)
        g_error ("label “%s” overflows the window: x %g … %g of %d", gtk_label_get_text (GTK_LABEL (widget)),
                 bounds.origin.x, bounds.origin.x + bounds.size.width, width);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_inside (window, child);
}

/* In Japanese, no text of @root is left in English. */
static void
assert_translated (GtkWidget  *root,
                   const char *language)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  if (!g_str_equal (language, "ja"))
    return;
  collect_texts (root, texts);
  for (guint i = 0; i < texts->len; i++)
    if (is_untranslated (texts->pdata[i]))
      g_error ("not translated: “%s”", (const char *) texts->pdata[i]);
}

static gboolean
has_run (gpointer data)
{
  MdkWindow *window = data;
  guint generation;

  g_object_get (mdk_window_get_session (window), "generation", &generation, NULL);
  return generation >= 5 &&
         mdk_graph_editor_get_genome (MDK_GRAPH_EDITOR (mdk_window_get_child_by_role (window, "network"))) != NULL;
}

static void
check_window_in (const char *language,
                 const char *behaviour,
                 const char *champion,
                 const char *fitness,
                 const char *population_size)
{
  MdkWindow *window;
  GtkWidget *designer;
  g_autofree char *shot = g_strdup_printf ("window-%s.png", language);
  g_autofree char *running_shot = g_strdup_printf ("window-%s-paused.png", language);
  g_autofree char *designer_shot = g_strdup_printf ("designer-%s.png", language);
  int minimum;

  set_language (language);
  window = mdk_test_ui_new_window (1440, 900);
  designer = mdk_window_get_child_by_role (window, "designer");
  g_assert_true (shows_text (GTK_WIDGET (window), behaviour));
  g_assert_true (shows_text (GTK_WIDGET (window), champion));
  g_assert_true (shows_text (GTK_WIDGET (window), fitness));        /* a plot tab */
  g_assert_true (shows_text (designer, population_size));
  mdk_test_ui_screenshot (GTK_WIDGET (window), shot);
  mdk_test_ui_screenshot (designer, designer_shot);

  /* Nothing is wider than the window, nor the window than a 1280-pixel
   * screen. */
  assert_inside (GTK_WIDGET (window), GTK_WIDGET (window));
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 1280);

  assert_translated (GTK_WIDGET (window), language);

  /* Paused after a few generations: plots, tables, the network and the
   * status bar all have something to say. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-pause", NULL));
  g_assert_true (mdk_test_ui_wait (has_run, window, 60000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-pause", NULL));
  mdk_test_ui_flush ();
  mdk_test_ui_screenshot (GTK_WIDGET (window), running_shot);
  assert_inside (GTK_WIDGET (window), GTK_WIDGET (window));
  assert_translated (GTK_WIDGET (window), language);
  close_window (window);
  set_language ("en");
}

static void
test_window_english (void)
{
  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  check_window_in ("en", "Behaviour", "Champion network", "Fitness", "Population size");
}

static void
test_window_japanese (void)
{
  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  check_window_in ("ja", "挙動", "最良個体のネットワーク", "適応度", "個体群サイズ");
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The window opens at the size it had when it was last closed. */
static void
test_window_size_remembered (void)
{
  GSettings *settings = mdk_application_get_settings ();
  MdkWindow *window;
  int width, height;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 720);
  mdk_resources_register ();
  window = g_object_ref_sink (mdk_window_new (NULL));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 720);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  mdk_test_ui_flush ();
  g_object_unref (window);
  close_window (window);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 760);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* A Japanese session as Debian sets it up (LANG=ja_JP.UTF-8, no
 * LANGUAGE): messages follow LC_MESSAGES, counts are grouped as Japanese
 * groups them, in the status bar too. */
static void
test_japanese_locale (void)
{
  char *dir = mdk_test_ui_make_locale ("ja_JP.UTF-8");
  g_autofree char *grouped = NULL;
  MdkWindow *window;
  GtkLabel *generation;

  if (dir == NULL)
    {
      g_test_skip ("localedef cannot build ja_JP.UTF-8");
      return;
    }
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "ja_JP.UTF-8", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, ""));
  g_assert_cmpstr (_("Behaviour"), ==, "挙動");
  grouped = g_strdup_printf ("%'u", 1234567u);
  g_assert_cmpstr (grouped, ==, "1,234,567");
  if (mdk_test_ui_has_display ())
    {
      window = mdk_test_ui_new_window (1440, 900);
      generation = GTK_LABEL (mdk_window_get_child_by_role (window, "status-generation"));
      g_assert_cmpstr (gtk_label_get_text (generation), ==, "世代 0");
      close_window (window);
    }

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  mdk_test_ui_drop_locale (dir);
  set_language ("en");
  g_assert_cmpstr (_("Behaviour"), ==, "Behaviour");
}

/* Preferences in Japanese; the language chosen there is stored and takes
 * effect at the next start (mdk_application_apply_language in main). */
static void
test_language_preference (void)
{
  GSettings *settings = mdk_application_get_settings ();
  GtkWidget *dialog, *language;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  g_assert_nonnull (settings);
  set_language ("ja");
  dialog = mdk_application_preferences_new ();
  gtk_window_present (GTK_WINDOW (dialog));
  mdk_test_ui_flush ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "設定");
  g_assert_true (shows_text (dialog, "言語は次回 Medaka を起動したときに切り替わります。"));
  mdk_test_ui_screenshot (dialog, "preferences-ja.png");
  language = find_named (dialog, "language");
  g_assert_true (GTK_IS_DROP_DOWN (language));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (language)), ==, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (language), 1);
  g_assert_cmpstr (g_settings_get_string (settings, "language"), ==, "en");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (language), 2);
  g_assert_cmpstr (g_settings_get_string (settings, "language"), ==, "ja");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The next start: English in an English session, chosen Japanese. */
  set_language ("en");
  g_assert_cmpstr (_("Behaviour"), ==, "Behaviour");
  mdk_application_apply_language ();
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "ja");
  g_assert_cmpstr (_("Behaviour"), ==, "挙動");
  g_settings_set_string (settings, "language", "en");
  mdk_application_apply_language ();
  g_assert_cmpstr (_("Behaviour"), ==, "Behaviour");
  /* Chosen Japanese in a C session, where glibc ignores LANGUAGE: the
   * messages get a UTF-8 locale that gtk_init () keeps. */
  g_setenv ("LC_ALL", "C", TRUE);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  g_settings_set_string (settings, "language", "ja");
  mdk_application_apply_language ();
  g_assert_cmpstr (_("Behaviour"), ==, "挙動");
  setlocale (LC_ALL, "");
  g_assert_cmpstr (_("Behaviour"), ==, "挙動");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LC_MESSAGES");
  /* System default leaves the session's language alone. */
  g_settings_reset (settings, "language");
  set_language ("ja");
  mdk_application_apply_language ();
  g_assert_cmpstr (_("Behaviour"), ==, "挙動");
  set_language ("en");

  dialog = mdk_application_preferences_new ();
  gtk_window_present (GTK_WINDOW (dialog));
  mdk_test_ui_flush ();
  mdk_test_ui_screenshot (dialog, "preferences-en.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A shortcut as one comparable string: lower-case key, keypad keys as
 * their main ones. */
static char *
shortcut_name (guint           keyval,
               GdkModifierType mods)
{
  keyval = gdk_keyval_to_lower (keyval);
  if (keyval == GDK_KEY_KP_Delete)
    keyval = GDK_KEY_Delete;
  if (keyval == GDK_KEY_KP_Enter)
    keyval = GDK_KEY_Return;
  return gtk_accelerator_name (keyval, mods & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK));
}

static void
add_accelerators (GHashTable *set,
                  const char *accelerators)
{
  g_auto(GStrv) each = g_strsplit (accelerators, " ", -1);

  for (guint i = 0; each[i] != NULL; i++)
    {
      guint keyval;
      GdkModifierType mods;

      if (*each[i] == '\0')
        continue;
      g_assert_true (gtk_accelerator_parse (each[i], &keyval, &mods));
      g_hash_table_add (set, shortcut_name (keyval, mods));
    }
}

/* The shortcuts of a widget class (gtk_widget_class_add_binding…); with
 * @prefix, only those activating an action of that prefix (not the ones
 * GTK's base classes have, such as moving the focus). */
static void
add_widget_shortcuts (GHashTable *set,
                      GtkWidget  *widget,
                      const char *prefix)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (prefix != NULL &&
              !(GTK_IS_NAMED_ACTION (action) &&
                g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), prefix)))
            continue;
          if (GTK_IS_KEYVAL_TRIGGER (trigger))
            g_hash_table_add (set, shortcut_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
        }
    }
}

/* The Keyboard Shortcuts window lists exactly the shortcuts the studio
 * has: the window's, the graph editor's and the application's. */
static void
test_shortcuts_window (void)
{
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) real = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(MdkApplication) app = NULL;
  g_auto(GStrv) actions = NULL;
  GSList *objects;
  GHashTableIter iter;
  const char *name;
  MdkWindow *window;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  mdk_resources_register ();
  set_language ("ja");
  builder = gtk_builder_new_from_resource (RESOURCE "gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accelerator = NULL;
        g_autofree char *title = NULL;

        g_object_get (l->data, "accelerator", &accelerator, "title", &title, NULL);
        if (is_untranslated (title))
          g_error ("shortcut title not translated: %s", title);
        add_accelerators (listed, accelerator);
      }
  g_slist_free (objects);

  window = mdk_test_ui_new_window (1440, 900);
  add_widget_shortcuts (real, GTK_WIDGET (window), "win.");
  add_widget_shortcuts (real, mdk_window_get_child_by_role (window, "network"), NULL);
  app = mdk_application_new ();
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);
      for (guint j = 0; accels[j] != NULL; j++)
        add_accelerators (real, accels[j]);
    }
  /* GTK's own: the primary menu (F10) and this window (Ctrl+?). */
  add_accelerators (real, "F10 <Control>question");

  g_hash_table_iter_init (&iter, real);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_hash_table_contains (listed, name))
      g_error ("shortcut %s is missing from the Keyboard Shortcuts window", name);
  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_hash_table_contains (real, name))
      g_error ("the Keyboard Shortcuts window lists %s, which does nothing", name);
  g_assert_cmpuint (g_hash_table_size (listed), >=, 25);
  close_window (window);
  set_language ("en");
}

static void
test_shortcuts_screenshots (void)
{
  static const char *languages[] = { "en", "ja" };

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  mdk_resources_register ();
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GtkBuilder) builder = NULL;
      g_autofree char *shot = g_strdup_printf ("shortcuts-%s.png", languages[i]);
      GtkWidget *overlay;

      set_language (languages[i]);
      builder = gtk_builder_new_from_resource (RESOURCE "gtk/help-overlay.ui");
      overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
      gtk_window_present (GTK_WINDOW (overlay));
      mdk_test_ui_flush ();
      mdk_test_ui_screenshot (overlay, shot);
      gtk_window_destroy (GTK_WINDOW (overlay));
    }
  set_language ("en");
}

static char *
guide_text (GtkWidget *help)
{
  GtkTextBuffer *buffer = mdk_help_window_get_buffer (MDK_HELP_WINDOW (help));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static guint
count_headings (const char *path)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_nonnull (bytes);
  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], "## ");
  return n;
}

/* The text view lays the guide out in idle time: wait until it is taller
 * than the window. */
static gboolean
guide_laid_out (gpointer data)
{
  GtkWidget *scroller = gtk_window_get_child (GTK_WINDOW (data));
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  return gtk_adjustment_get_upper (vadj) > gtk_adjustment_get_page_size (vadj) &&
         gtk_adjustment_get_page_size (vadj) > 0;
}

/* Help shows the guide in the user's language, as text with its headings
 * and lists drawn, not as Markdown. */
/* No markup left over: an asterisk only stands alone ("A * in the
 * title"), never against a word as an unrendered *emphasis* would. */
static gboolean
only_lone_asterisks (const char *text)
{
  for (const char *p = strchr (text, '*'); p != NULL; p = strchr (p + 1, '*'))
    if ((p > text && !g_ascii_isspace (p[-1])) || (p[1] != '\0' && !g_ascii_isspace (p[1])))
      {
        g_test_message ("markup left in the guide at byte %ld", (long) (p - text));
        return FALSE;
      }
  return TRUE;
}

static void
test_help (void)
{
  static const struct { const char *language, *heading, *shot; } cases[] = {
    { "en", "Your first experiment", "help-en.png" },
    { "ja", "はじめての実験", "help-ja.png" },
  };

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  mdk_resources_register ();
  /* The two guides have the same sections. */
  g_assert_cmpuint (count_headings (RESOURCE "help/guide.md"), >=, 4);
  g_assert_cmpuint (count_headings (RESOURCE "help/guide.md"), ==, count_headings (RESOURCE "help/guide.ja.md"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *help;
      g_autofree char *text = NULL;
      g_autofree char *path = NULL;

      set_language (cases[i].language);
      path = mdk_help_guide_resource_path ();
      g_assert_true (g_str_has_suffix (path, g_str_equal (cases[i].language, "ja") ? "guide.ja.md" : "guide.md"));
      help = mdk_help_window_new ();
      gtk_window_present (GTK_WINDOW (help));
      g_assert_true (mdk_test_ui_wait (guide_laid_out, help, 10000));
      mdk_test_ui_flush ();
      text = guide_text (help);
      g_assert_nonnull (strstr (text, cases[i].heading));
      g_assert_nonnull (strstr (text, "Ctrl+R"));
      g_assert_nonnull (strstr (text, "•\t"));
      g_assert_null (strstr (text, "**"));
      g_assert_true (only_lone_asterisks (text));
      g_assert_null (strstr (text, "\n#"));
      g_assert_null (strstr (text, "`"));
      /* Japanese lines are joined without a space. */
      if (g_str_equal (cases[i].language, "ja"))
        g_assert_nonnull (strstr (text, "ネットワークの個体群が世代を重ねる"));
      mdk_test_ui_screenshot (help, cases[i].shot);
      gtk_window_destroy (GTK_WINDOW (help));
    }
  set_language ("en");
}

static void
test_about (void)
{
  GtkWidget *about;

  if (!mdk_test_ui_has_display ())
    {
      g_test_skip ("no display");
      return;
    }
  mdk_resources_register ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE "icons");
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                          MDK_APPLICATION_ID));
  set_language ("ja");
  about = mdk_application_about_new ();
  g_assert_cmpstr (gtk_about_dialog_get_version (GTK_ABOUT_DIALOG (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (gtk_about_dialog_get_license_type (GTK_ABOUT_DIALOG (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (gtk_about_dialog_get_authors (GTK_ABOUT_DIALOG (about))[0]);
  g_assert_cmpstr (gtk_about_dialog_get_translator_credits (GTK_ABOUT_DIALOG (about)), !=, "translator-credits");
  g_assert_cmpstr (gtk_about_dialog_get_logo_icon_name (GTK_ABOUT_DIALOG (about)), ==, MDK_APPLICATION_ID);
  gtk_window_present (GTK_WINDOW (about));
  mdk_test_ui_flush ();
  mdk_test_ui_screenshot (about, "about-ja.png");
  gtk_window_destroy (GTK_WINDOW (about));
  set_language ("en");
}

/* The application icon renders: a red fish among blue ones. */
static void
test_icon (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autofree char *dir = NULL;

  mdk_resources_register ();
  pixbuf = gdk_pixbuf_new_from_resource_at_scale (RESOURCE "icons/scalable/apps/" MDK_APPLICATION_ID ".svg",
                                                   256, 256, TRUE, &error);
  if (pixbuf == NULL && g_error_matches (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE))
    {
      g_test_skip ("no SVG loader for GdkPixbuf");
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 256);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gdk_cairo_set_source_pixbuf (cr, pixbuf, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  /* The medaka (red) is small against the school (dark blue). */
  g_assert_cmpuint (mdk_test_ui_count_color (surface, 0xe01b24, 60), >, 300);
  g_assert_cmpuint (mdk_test_ui_count_color (surface, 0x1c3f6e, 60), >, 2 * mdk_test_ui_count_color (surface, 0xe01b24, 60));
  mdk_test_ui_save (surface, "icon-256.png");
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  /* A UTF-8 locale, or LANGUAGE is ignored (PLATFORM.md, P2). */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MEDAKA_LOCALEDIR") ? g_getenv ("MEDAKA_LOCALEDIR") : BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  mdk_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/desktop/window-english", test_window_english);
  g_test_add_func ("/ui/desktop/window-japanese", test_window_japanese);
  g_test_add_func ("/ui/desktop/window-size", test_window_size_remembered);
  g_test_add_func ("/ui/desktop/japanese-locale", test_japanese_locale);
  g_test_add_func ("/ui/desktop/language-preference", test_language_preference);
  g_test_add_func ("/ui/desktop/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/ui/desktop/shortcuts-screenshots", test_shortcuts_screenshots);
  g_test_add_func ("/ui/desktop/help", test_help);
  g_test_add_func ("/ui/desktop/about", test_about);
  g_test_add_func ("/ui/desktop/icon", test_icon);
  return g_test_run ();
}
