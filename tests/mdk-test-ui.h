/* Shared helpers of the GUI tests. */
#pragma once

#include <gtk/gtk.h>

#include "mdk-window.h"

/* g_test_init + gtk_init_check (not gtk_test_init: it drops the locale,
 * PLATFORM.md P4).  Returns FALSE without a display: tests then skip. */
gboolean  mdk_test_ui_init        (int        *argc,
                                   char     ***argv);
gboolean  mdk_test_ui_has_display (void);
/* Runs the main context until @done returns TRUE or @timeout_ms passes;
 * returns what @done last returned. */
gboolean  mdk_test_ui_wait        (gboolean  (*done) (gpointer data),
                                   gpointer    data,
                                   guint       timeout_ms);
/* Lets pending events, layout and drawing happen. */
void      mdk_test_ui_flush       (void);
/* A window holding @child at the given size, presented and drawn. */
GtkWidget *mdk_test_ui_window     (GtkWidget *child,
                                   int        width,
                                   int        height);
/* Renders @widget (drawn at least once) into a Cairo image surface with
 * the Cairo renderer: for asserting on real pixels. */
cairo_surface_t *mdk_test_ui_render (GtkWidget *widget);
/* Saves @surface as PNG in $MEDAKA_SCREENSHOT_DIR (build/screenshots) under
 * @name, for people to look at. */
void      mdk_test_ui_save        (cairo_surface_t *surface,
                                   const char      *name);
/* Counts pixels close to @rgb (0xRRGGBB) within @tolerance per channel. */
guint     mdk_test_ui_count_color (cairo_surface_t *surface,
                                   guint32          rgb,
                                   guint            tolerance);
/* Runs $MEDAKA_CLI with @args (NULL-terminated); fails the test unless it
 * exits with status 0. */
void      mdk_test_ui_cli         (const char * const *args);
/* Removes @path and everything in it. */
void      mdk_test_ui_remove_tree (const char *path);
/* Compiles @locale ("de_DE.UTF-8": input, then the UTF-8 charmap) into a
 * temporary directory and points LOCPATH at it (glibc reads LOCPATH at
 * each setlocale ()): locales that are not installed, for tests.  Returns
 * the directory, or NULL when localedef cannot build it. */
char     *mdk_test_ui_make_locale (const char *locale);
/* Unsets LOCPATH and removes (and frees) the directory. */
void      mdk_test_ui_drop_locale (char       *dir);
/* The last visible toplevel of @type other than @except, or NULL. */
gpointer  mdk_test_ui_find_toplevel (GType     type,
                                     gpointer  except);
/* A studio window at @width × @height, presented and drawn. */
MdkWindow *mdk_test_ui_new_window (int        width,
                                   int        height);
/* Renders @widget and saves it as @name in the screenshot folder. */
void      mdk_test_ui_screenshot  (GtkWidget  *widget,
                                   const char *name);
GtkMessageDialog *mdk_test_ui_find_message_dialog (void);
/* Appends @widget and every widget below it that is a @type to @out. */
void      mdk_test_ui_collect_widgets (GtkWidget *widget,
                                       GType      type,
                                       GPtrArray *out);
