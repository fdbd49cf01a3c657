#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-help-window.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mdk-application.h"

/* The guide is compiled into the program, so Help works the same installed
 * or run from the build tree. */
#define GUIDE_PREFIX "/io/github/medakastudio/Medaka/help/"

struct _MdkHelpWindow
{
  GtkWindow      parent_instance;

  GtkTextBuffer *buffer;
};

G_DEFINE_FINAL_TYPE (MdkHelpWindow, mdk_help_window, GTK_TYPE_WINDOW)

static gboolean
resource_exists (const char *path)
{
  return g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL);
}

/**
 * mdk_help_guide_resource_path:
 *
 * The guide in the first of the user's languages it is written in
 * (guide.LL.md), else in English (guide.md).
 */
char *
mdk_help_guide_resource_path (void)
{
  const char * const *languages = g_get_language_names ();

  mdk_resources_register ();
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      if (g_str_equal (languages[i], "C"))
        break;
      path = g_strdup_printf (GUIDE_PREFIX "guide.%s.md", languages[i]);
      if (resource_exists (path))
        return g_steal_pointer (&path);
    }
  return g_strdup (GUIDE_PREFIX "guide.md");
}

static gboolean
is_wide (gunichar c)
{
  /* CJK and their punctuation: lines are joined without a space. */
  return c >= 0x2e80;
}

/* Inline marks: **strong** and `code`. */
static void
insert_inline (GtkTextBuffer *buffer,
               const char    *text,
               const char    *block_tag)
{
  GtkTextIter end;
  const char *p = text;

  while (*p != '\0')
    {
      const char *mark = NULL, *close = NULL, *tag = NULL;
      const char *strong = strstr (p, "**");
      const char *code = strchr (p, '`');

      if (strong != NULL && (code == NULL || strong < code))
        {
          mark = strong;
          close = strstr (strong + 2, "**");
          tag = "strong";
        }
      else if (code != NULL)
        {
          mark = code;
          close = strchr (code + 1, '`');
          tag = "code";
        }
      gtk_text_buffer_get_end_iter (buffer, &end);
      if (mark == NULL || close == NULL)
        {
          gtk_text_buffer_insert_with_tags_by_name (buffer, &end, p, -1, block_tag, NULL);
          return;
        }
      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, p, mark - p, block_tag, NULL);
      mark += g_str_equal (tag, "strong") ? 2 : 1;
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, mark, close - mark, block_tag, tag, NULL);
      p = close + (g_str_equal (tag, "strong") ? 2 : 1);
    }
}

static void
flush_block (GtkTextBuffer *buffer,
             GString       *block,
             const char    *tag)
{
  GtkTextIter end;

  if (block->len == 0)
    return;
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_iter_get_offset (&end) > 0)
    gtk_text_buffer_insert (buffer, &end, "\n", 1);
  insert_inline (buffer, block->str, tag);
  g_string_truncate (block, 0);
}

static void
append_line (GString    *block,
             const char *text)
{
  if (block->len > 0)
    {
      const char *last = g_utf8_find_prev_char (block->str, block->str + block->len);
      if (!(is_wide (g_utf8_get_char (last)) && is_wide (g_utf8_get_char (text))))
        g_string_append_c (block, ' ');
    }
  g_string_append (block, text);
}

/* A numbered item's "1. ", or NULL. */
static const char *
after_number (const char *line)
{
  const char *p = line;

  while (g_ascii_isdigit (*p))
    p++;
  return p > line && p[0] == '.' && p[1] == ' ' ? p + 2 : NULL;
}

/**
 * mdk_help_render_markdown:
 *
 * Shows the guide's small Markdown: # and ## headings, paragraphs, "- " and
 * "1. " list items (continued by indented lines), **strong** and `code`.
 */
void
mdk_help_render_markdown (GtkTextBuffer *buffer,
                          const char    *markdown)
{
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  g_autoptr(GString) block = g_string_new (NULL);
  const char *tag = "paragraph";

  gtk_text_buffer_set_text (buffer, "", 0);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *rest;
      gboolean indented = line[0] == ' ';

      g_strstrip (lines[i]);
      if (*line == '\0')
        {
          flush_block (buffer, block, tag);
          tag = "paragraph";
        }
      else if (g_str_has_prefix (line, "# ") || g_str_has_prefix (line, "## "))
        {
          flush_block (buffer, block, tag);
          tag = line[1] == '#' ? "h2" : "h1";
          g_string_append (block, strchr (line, ' ') + 1);
          flush_block (buffer, block, tag);
          tag = "paragraph";
        }
      else if (g_str_has_prefix (line, "- "))
        {
          flush_block (buffer, block, tag);
          tag = "item";
          g_string_append_printf (block, "•\t%s", line + 2);
        }
      else if ((rest = after_number (line)) != NULL)
        {
          flush_block (buffer, block, tag);
          tag = "item";
          g_string_append_printf (block, "%.*s\t%s", (int) (rest - 1 - line), line, rest);
        }
      else if (indented && g_str_equal (tag, "item"))
        append_line (block, line);
      else
        {
          if (g_str_equal (tag, "item"))
            {
              flush_block (buffer, block, tag);
              tag = "paragraph";
            }
          append_line (block, line);
        }
    }
  flush_block (buffer, block, tag);
}

static void
create_tags (GtkTextBuffer *buffer)
{
  PangoTabArray *tabs;

  gtk_text_buffer_create_tag (buffer, "h1", "weight", PANGO_WEIGHT_BOLD, "scale", 1.6,
                              "pixels-below-lines", 12, NULL);
  gtk_text_buffer_create_tag (buffer, "h2", "weight", PANGO_WEIGHT_BOLD, "scale", 1.25,
                              "pixels-above-lines", 18, "pixels-below-lines", 8, NULL);
  gtk_text_buffer_create_tag (buffer, "paragraph", "pixels-above-lines", 4, "pixels-below-lines", 8, NULL);
  /* A hanging indent: the mark, a tab, then the text lined up with the
   * item's next lines. */
  tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, 22);
  gtk_text_buffer_create_tag (buffer, "item", "left-margin", 36, "indent", -22, "tabs", tabs,
                              "pixels-below-lines", 4, NULL);
  pango_tab_array_free (tabs);
  gtk_text_buffer_create_tag (buffer, "strong", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "code", "family", "monospace", NULL);
}

static void
mdk_help_window_class_init (MdkHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mdk_help_window_init (MdkHelpWindow *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  g_autofree char *path = mdk_help_guide_resource_path ();
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  gtk_window_set_title (GTK_WINDOW (self), _("Medaka Guide"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 760);

  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  create_tags (self->buffer);
  /* The English guide is always there: it is compiled in. */
  mdk_help_render_markdown (self->buffer, bytes ? g_bytes_get_data (bytes, NULL) : "");

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 32);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 32);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 24);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 24);
  gtk_widget_add_css_class (view, "help-text");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (self), scroller);
}

GtkWidget *
mdk_help_window_new (void)
{
  return g_object_new (MDK_TYPE_HELP_WINDOW, NULL);
}

GtkTextBuffer *
mdk_help_window_get_buffer (MdkHelpWindow *self)
{
  g_return_val_if_fail (MDK_IS_HELP_WINDOW (self), NULL);
  return self->buffer;
}
