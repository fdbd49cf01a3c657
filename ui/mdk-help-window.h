/* mdk-help-window.h: the user guide (docs/guide*.md) in a window */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MDK_TYPE_HELP_WINDOW (mdk_help_window_get_type ())
G_DECLARE_FINAL_TYPE (MdkHelpWindow, mdk_help_window, MDK, HELP_WINDOW, GtkWindow)

GtkWidget     *mdk_help_window_new            (void);
GtkTextBuffer *mdk_help_window_get_buffer     (MdkHelpWindow *self);
char          *mdk_help_guide_resource_path   (void);
void           mdk_help_render_markdown       (GtkTextBuffer *buffer,
                                               const char    *markdown);

G_END_DECLS
