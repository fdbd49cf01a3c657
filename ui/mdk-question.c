#define G_LOG_DOMAIN "medaka-ui"

#include "config.h"

#include "mdk-question.h"

GtkWidget *
mdk_question_show (GtkWindow  *parent,
                   const char *primary,
                   const char *secondary,
                   int         default_response,
                   int         destructive_response,
                   GCallback   on_response,
                   gpointer    data,
                   const char *first_label,
                   ...)
{
  GtkWidget *dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", primary);
  va_list args;

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  va_start (args, first_label);
  for (const char *label = first_label; label != NULL; label = va_arg (args, const char *))
    gtk_dialog_add_button (GTK_DIALOG (dialog), label, va_arg (args, int));
  va_end (args);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), default_response);
  if (destructive_response != -1)
    gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), destructive_response),
                              "destructive-action");
  g_signal_connect (dialog, "response", on_response, data);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
