/* mdk-median.h: the median of an array, by selection rather than a sort:
 * the run's statistics take it of every generation's fitness values. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The median of v[0 … n−1] (the mean of the two middle values when n is
 * even; NAN when n is 0).  Reorders @v. */
double mdk_median (double *v,
                   guint   n);

G_END_DECLS
