/* mdk-application.h: the Medaka GtkApplication */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MDK_APPLICATION_ID "io.github.medakastudio.Medaka"

#define MDK_TYPE_APPLICATION (mdk_application_get_type ())
G_DECLARE_FINAL_TYPE (MdkApplication, mdk_application, MDK, APPLICATION, GtkApplication)

MdkApplication *mdk_application_new       (void);
void            mdk_resources_register    (void);
GSettings      *mdk_application_get_settings (void);
void            mdk_application_apply_language (void);
GtkWidget      *mdk_application_about_new    (void);
GtkWidget      *mdk_application_preferences_new (void);

G_END_DECLS
