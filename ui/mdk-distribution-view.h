/* mdk-distribution-view.h: histogram and rank plot of one generation
 *
 * Fitness, hidden nodes or connections of every genome of the current
 * generation, or of one picked on a plot's time axis.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdk-history.h"

G_BEGIN_DECLS

typedef enum
{
  MDK_DISTRIBUTION_FITNESS,
  MDK_DISTRIBUTION_HIDDEN,
  MDK_DISTRIBUTION_CONNECTIONS,
} MdkDistributionQuantity;

#define MDK_TYPE_DISTRIBUTION_VIEW (mdk_distribution_view_get_type ())
G_DECLARE_FINAL_TYPE (MdkDistributionView, mdk_distribution_view, MDK, DISTRIBUTION_VIEW, GtkWidget)

GtkWidget *mdk_distribution_view_new            (void);
void       mdk_distribution_view_set_history    (MdkDistributionView     *self,
                                                 MdkHistory              *history);
/* -1 follows the latest generation that has a distribution. */
void       mdk_distribution_view_set_generation (MdkDistributionView     *self,
                                                 int                      generation);
void       mdk_distribution_view_set_quantity   (MdkDistributionView     *self,
                                                 MdkDistributionQuantity  quantity);
/* For tests: how many values the histogram currently shows. */
guint      mdk_distribution_view_get_n_values   (MdkDistributionView     *self);
/* The generation drawn (the latest with values when following), or -1. */
int        mdk_distribution_view_get_shown_generation (MdkDistributionView *self);

G_END_DECLS
