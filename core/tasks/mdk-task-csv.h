/* mdk-task-csv.h: the user's own data from a CSV file
 *
 * The task class itself is mdk_task_csv_class (declared in mdk-task.h).
 * These accessors let a view draw a confusion matrix (classification) or a
 * prediction-versus-target plot (regression) from the same rows and the same
 * decoding of the outputs that the fitness uses.  The task's trace () gives
 * the same ready-made for the champion: an MDK_TRACE_CONFUSION (classification)
 * or an MDK_TRACE_REGRESSION of at most 2000 rows (regression).
 */
#pragma once

#include <glib.h>

#include "mdk-task.h"

G_BEGIN_DECLS

gboolean            mdk_task_csv_is_regression   (const MdkTask  *task);
const char * const *mdk_task_csv_get_class_names (const MdkTask  *task,
                                                  guint          *n_classes);
guint               mdk_task_csv_get_rows        (const MdkTask  *task,
                                                  gboolean        test,
                                                  const double  **features,
                                                  const double  **targets);
double              mdk_task_csv_decode          (const MdkTask  *task,
                                                  const double   *outputs);

G_END_DECLS
