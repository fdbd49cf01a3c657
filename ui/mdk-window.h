/* mdk-window.h: the studio window */
#pragma once

#include <gtk/gtk.h>

#include "mdk-project.h"
#include "mdk-recovery.h"
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
void        mdk_window_save_project_async  (MdkWindow           *self,
                                            GFile               *file,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    mdk_window_save_project_finish (MdkWindow           *self,
                                            GAsyncResult        *result,
                                            GError             **error);
gboolean    mdk_window_is_saving           (MdkWindow           *self);
gboolean    mdk_window_is_pristine         (MdkWindow           *self);
void        mdk_window_restore             (MdkWindow           *self,
                                            MdkRun              *run,
                                            MdkProject          *project,
                                            MdkRecovery         *recovery);
MdkRecovery *mdk_window_get_recovery       (MdkWindow           *self);
gboolean    mdk_window_open_example        (MdkWindow           *self,
                                            const char          *id,
                                            GError             **error);
/* Export All: what medaka-cli export writes, into @dir (made if missing),
 * in the background; asks before replacing files. */
void        mdk_window_export_all   (MdkWindow     *self,
                                     GFile         *dir);
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
