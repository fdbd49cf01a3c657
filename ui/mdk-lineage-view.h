/* mdk-lineage-view.h: where a genome came from
 *
 * The selected genome at the right, its parents to the left, their parents
 * further left, up to MDK_LINEAGE_VIEW_MAX_DEPTH generations back.  Each box
 * gives the genome's id, fitness and what made it (crossover, +node, elite…);
 * an ancestor the store no longer holds is drawn as "…".  The tree is laid
 * out when the genome is chosen (or refresh () is called), not while drawing.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdk-lineage.h"

G_BEGIN_DECLS

#define MDK_LINEAGE_VIEW_MAX_DEPTH 12

#define MDK_TYPE_LINEAGE_VIEW (mdk_lineage_view_get_type ())
G_DECLARE_FINAL_TYPE (MdkLineageView, mdk_lineage_view, MDK, LINEAGE_VIEW, GtkWidget)

GtkWidget *mdk_lineage_view_new          (void);
/* Takes a reference; NULL clears the view. */
void       mdk_lineage_view_set_lineage  (MdkLineageView *self,
                                          MdkLineage     *lineage);
MdkLineage *mdk_lineage_view_get_lineage (MdkLineageView *self);
/* Shows the ancestry of @genome_id (0: nothing). */
void       mdk_lineage_view_show         (MdkLineageView *self,
                                          guint64         genome_id);
guint64    mdk_lineage_view_get_genome_id (MdkLineageView *self);
/* Reads the store again for the same genome (its ancestors may have been
 * recorded since). */
void       mdk_lineage_view_refresh      (MdkLineageView *self);

/* What the view shows, for tests and accessibility. */
guint      mdk_lineage_view_get_n_boxes  (MdkLineageView *self);
guint      mdk_lineage_view_get_n_missing (MdkLineageView *self);
guint      mdk_lineage_view_get_n_edges  (MdkLineageView *self);

/* "crossover, +node", "elite"…: how a genome was made, in short translated
 * words (MdkNeatOrigin and MdkNeatMutation bits).  Owned by the caller. */
char      *mdk_lineage_describe_origin   (guint           origin,
                                          guint           mutations);

G_END_DECLS
