/* mdk-question.h: a question asked in a modal dialog */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Presents a modal question over @parent: @primary, @secondary below it,
 * and buttons given as (label, response id) pairs ending with NULL.
 * @default_response is the suggested answer, @destructive_response (or -1)
 * is marked as destroying work.  @on_response gets the dialog, the response
 * and @data, and destroys the dialog. */
GtkWidget *mdk_question_show (GtkWindow  *parent,
                              const char *primary,
                              const char *secondary,
                              int         default_response,
                              int         destructive_response,
                              GCallback   on_response,
                              gpointer    data,
                              const char *first_label,
                              ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
