/* Helpers of the GUI tests that drive a studio window. */
#pragma once

#include <gtk/gtk.h>

#include "mdk-window.h"

/* A studio window (without an application), presented and drawn. */
MdkWindow *mdk_test_window_new                (void);
/* Activates @action on @window, as a menu item or shortcut does. */
void       mdk_test_window_activate           (MdkWindow  *window,
                                               const char *action);
guint      mdk_test_window_generation         (MdkWindow  *window);
/* For mdk_test_ui_wait (): the champion's views and the species are shown. */
gboolean   mdk_test_window_has_champion_views (gpointer    window);
/* For mdk_test_ui_wait (): no Save is running. */
gboolean   mdk_test_window_not_saving         (gpointer    window);
/* A save started with mdk_test_window_save_start (): done once its
 * result came back. */
typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} MdkTestSave;

void       mdk_test_window_save_start         (MdkWindow   *window,
                                               GFile       *file,
                                               MdkTestSave *save);
/* For mdk_test_ui_wait () on an MdkTestSave. */
gboolean   mdk_test_save_finished             (gpointer     save);
/* Saves through the window's worker thread and waits for the result. */
gboolean   mdk_test_window_save               (MdkWindow  *window,
                                               GFile      *file,
                                               GError    **error);
/* The generation of the run saved in @file (which must load). */
guint      mdk_test_project_generation        (GFile      *file);
