/* mdk-task-cppn.h: compositional pattern-producing networks (images)
 *
 * The task class itself is mdk_task_cppn_class (declared in mdk-task.h).  A
 * CPPN (Stanley, 2007) draws an image by being asked, for every pixel, what
 * colour it has: its inputs are the pixel's coordinates x and y in [−1, 1]
 * (y grows upwards, so row 0, at the top, has y near 1) and its distance d
 * from the centre, √(x² + y²) / √2, which is 1 in the corners of the square;
 * the bias is the network's own bias node.  Its outputs are the grey level
 * (parameter color = "grey") or red, green and blue ("rgb"), read as
 * intensities in [0, 1]: values outside are clamped and NaN counts as 0.
 *
 * Pixels are sampled at their centres, so an image looks the same at every
 * resolution.  Pixels are square: the shorter side of an image spans
 * [−1, 1] and the longer one proportionally more, so a wide image shows more
 * of the same plane rather than a stretched copy (d then exceeds 1 beyond
 * the square).
 */
#pragma once

#include <glib.h>

#include "mdk-task.h"

G_BEGIN_DECLS

/* The side of the image the default fitness is measured on. */
#define MDK_TASK_CPPN_FITNESS_SIZE 32

gboolean  mdk_task_cppn_render_values (const MdkTask *task,
                                       MdkNetwork    *net,
                                       guint          width,
                                       guint          height,
                                       double        *values);
gboolean  mdk_task_cppn_render        (const MdkTask *task,
                                       MdkNetwork    *net,
                                       guint          width,
                                       guint          height,
                                       guint8        *rgb);
double    mdk_task_cppn_image_fitness (const double  *values,
                                       guint          width,
                                       guint          height,
                                       guint          channels);

G_END_DECLS
