/* mdk-page-switcher.h: buttons for the pages of a GtkStack that wrap into
 * more rows when the pane is narrow.
 *
 * GtkStackSwitcher keeps its buttons on one row: with the studio's eight
 * plot pages it is wider than the plot pane of a window under about 1,400
 * pixels, and the last pages were cut off out of reach.  This switcher is a
 * GtkFlowBox of toggle buttons, one per visible page, in page order, kept in
 * step with the stack's visible child and with pages that come and go. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *mdk_page_switcher_new (GtkStack *stack);

G_END_DECLS
