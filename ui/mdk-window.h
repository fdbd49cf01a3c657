/* mdk-window.h: the studio window */
#pragma once

#include <gtk/gtk.h>

#include "mdk-session.h"

G_BEGIN_DECLS

#define MDK_TYPE_WINDOW (mdk_window_get_type ())
G_DECLARE_FINAL_TYPE (MdkWindow, mdk_window, MDK, WINDOW, GtkApplicationWindow)

MdkWindow  *mdk_window_new         (GtkApplication *application);
MdkSession *mdk_window_get_session (MdkWindow      *self);
gboolean    mdk_window_open_project (MdkWindow     *self,
                                     GFile         *file,
                                     GError       **error);
void        mdk_window_open_file    (MdkWindow     *self,
                                     GFile         *file);
gboolean    mdk_window_save_project (MdkWindow     *self,
                                     GFile         *file,
                                     GError       **error);
gboolean    mdk_window_import_genome (MdkWindow    *self,
                                      GFile        *file,
                                      GError      **error);
MdkWindow  *mdk_window_import_neat_config (MdkWindow *self,
                                           GFile     *file,
                                           GError   **error);
/* For tests: the widgets of the window. */
GtkWidget  *mdk_window_get_plot    (MdkWindow      *self,
                                    guint           kind);
GtkWidget  *mdk_window_get_child_by_role (MdkWindow *self,
                                          const char *role);

G_END_DECLS
