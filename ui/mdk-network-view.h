/* mdk-network-view.h: a read-only drawing of a NEAT genome
 *
 * Draws a copy of the genome with mdk_network_draw (); hovering a node or a
 * connection highlights it and its tooltip gives the exact values (weight,
 * bias, activation, innovation number).
 */
#pragma once

#include <gtk/gtk.h>

#include "mdk-neat-genome.h"

G_BEGIN_DECLS

#define MDK_TYPE_NETWORK_VIEW (mdk_network_view_get_type ())
G_DECLARE_FINAL_TYPE (MdkNetworkView, mdk_network_view, MDK, NETWORK_VIEW, GtkWidget)

GtkWidget *mdk_network_view_new        (void);
/* Copies @genome (NULL clears the view); the names may be NULL. */
void       mdk_network_view_set_genome (MdkNetworkView      *self,
                                        const MdkNeatGenome *genome,
                                        const char * const  *input_names,
                                        const char * const  *output_names);
const MdkNeatGenome *mdk_network_view_get_genome (MdkNetworkView *self);
/* Thumbnail mode: no names or glyphs, and no natural size beyond the size
 * request (for galleries). */
void       mdk_network_view_set_compact (MdkNetworkView     *self,
                                         gboolean            compact);
gboolean   mdk_network_view_get_compact (MdkNetworkView     *self);
/* What the tooltip at (@x, @y) says, or NULL when nothing is there. */
char      *mdk_network_view_dup_tooltip_at (MdkNetworkView  *self,
                                            double           x,
                                            double           y);
/* The pixel centre of node @node_id, FALSE if there is no such node. */
gboolean   mdk_network_view_get_node_position (MdkNetworkView *self,
                                               guint32         node_id,
                                               double         *x,
                                               double         *y);

G_END_DECLS
