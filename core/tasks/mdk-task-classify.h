/* mdk-task-classify.h: two-class classification of points in the plane
 *
 * The task class itself is mdk_task_classify_class (declared in mdk-task.h).
 * These accessors let a view plot the data and the network's decision
 * boundary: the points in their raw coordinates (about −6 … 6 on each axis)
 * and the mapping from a raw point to the network's input vector.
 *
 * With dataset "custom" the points are those of the custom_points parameter,
 * "x,y,c;x,y,c;…" (c is 0 or 1, x and y in ±MDK_TASK_CLASSIFY_EXTENT, numbers
 * written with a dot in every locale), all of them training points.
 */
#pragma once

#include <glib.h>

#include "mdk-task.h"

G_BEGIN_DECLS

/* Half the width of the area the data lives in; the network sees the
 * coordinates divided by this, so that they are in about [−1, 1]. */
#define MDK_TASK_CLASSIFY_EXTENT 6.0

guint  mdk_task_classify_get_points   (const MdkTask  *task,
                                       gboolean        test,
                                       const double  **xy,
                                       const guint8  **labels);
guint  mdk_task_classify_get_features (const MdkTask  *task,
                                       gboolean        test,
                                       const double  **features);
void   mdk_task_classify_features     (const MdkTask  *task,
                                       double          x,
                                       double          y,
                                       double         *features);
char  *mdk_task_classify_add_point    (const char     *points,
                                       double          x,
                                       double          y,
                                       guint           cls);
char  *mdk_task_classify_points_to_string (const MdkTask *task);

G_END_DECLS
