/* mdk-param-form.h: a form built from a parameter description table
 *
 * One row per MdkParamSpec, grouped by spec->group into collapsible
 * sections that each have a "Reset to defaults" button.  Edits go to the
 * session (mdk_session_set_param), which validates them: a refused value
 * keeps its text and shows the reason under the field.  The form does not
 * listen to the session itself: its owner calls mdk_param_form_refresh ()
 * when the experiment or the run state changes, so that a form about to be
 * replaced (the task was switched) never reads another table's values.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdk-param.h"
#include "mdk-session.h"

G_BEGIN_DECLS

#define MDK_TYPE_PARAM_FORM (mdk_param_form_get_type ())
G_DECLARE_FINAL_TYPE (MdkParamForm, mdk_param_form, MDK, PARAM_FORM, GtkWidget)

/* @table must outlive the form (the core's tables are static). */
GtkWidget          *mdk_param_form_new              (MdkSession         *session,
                                                     MdkParamOwner       owner,
                                                     const MdkParamSpec *table,
                                                     guint               n_params);
/* Rereads the values and lock states from the session.  Rows whose value
 * did not change keep what the user typed (and its error). */
void                mdk_param_form_refresh          (MdkParamForm       *self);

MdkParamOwner       mdk_param_form_get_owner        (MdkParamForm       *self);
const MdkParamSpec *mdk_param_form_get_table        (MdkParamForm       *self,
                                                     guint              *n_params);
guint               mdk_param_form_get_n_rows       (MdkParamForm       *self);
/* The editing widget of parameter @id (GtkSpinButton, GtkEntry, GtkSwitch
 * or GtkDropDown), or NULL. */
GtkWidget          *mdk_param_form_get_field        (MdkParamForm       *self,
                                                     const char         *id);
/* The inline error shown under @id's field, or NULL when there is none. */
const char         *mdk_param_form_get_error        (MdkParamForm       *self,
                                                     const char         *id);
/* The reason shown on @id's lock icon, or NULL when the row is editable. */
const char         *mdk_param_form_get_lock_reason  (MdkParamForm       *self,
                                                     const char         *id);
/* The "Reset to defaults" button of @group (the untranslated group name of
 * the table), or NULL. */
GtkWidget          *mdk_param_form_get_reset_button (MdkParamForm       *self,
                                                     const char         *group);

G_END_DECLS
