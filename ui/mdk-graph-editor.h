/* mdk-graph-editor.h: a node-graph editor for one NEAT genome
 *
 * The editable sibling of MdkNetworkView, with the habits of Blender's node
 * editor: drag a node to move it, drag from its right side to another node
 * to connect, middle drag pans, the wheel zooms toward the pointer, primary
 * drag on empty space selects with a rubber band, Delete deletes, Shift+A
 * adds a node (splitting the connection under the pointer), double click or
 * Enter edits exact values, Ctrl+Z / Ctrl+Shift+Z undo and redo, Home fits.
 *
 * Every change of the genome goes through an MdkNeatEditor, so refusals
 * (a cycle in a feed-forward run, an edge into an input…) come back as the
 * "message" signal with the editor's own wording.
 *
 * Graph coordinates are the units of mdk_network_layout (): the default
 * layout spans 0 … 1 both ways.  Nodes the user moved or added keep their
 * graph position across edits.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdk-activation.h"
#include "mdk-neat-genome.h"
#include "mdk-neat-innovation.h"

G_BEGIN_DECLS

#define MDK_TYPE_GRAPH_EDITOR (mdk_graph_editor_get_type ())

G_DECLARE_FINAL_TYPE (MdkGraphEditor, mdk_graph_editor, MDK, GRAPH_EDITOR, GtkWidget)

GtkWidget           *mdk_graph_editor_new            (void);

/* Copies @genome (NULL: nothing to edit), forgets the undo history, the
 * selection, the node positions and the view.  @tracker is borrowed; with
 * NULL, structural edits are refused with a "message". */
void                 mdk_graph_editor_set_genome     (MdkGraphEditor      *self,
                                                      const MdkNeatGenome *genome,
                                                      MdkNeatInnovation   *tracker,
                                                      gboolean             allow_recurrent,
                                                      const char * const  *input_names,
                                                      const char * const  *output_names);
void                 mdk_graph_editor_set_read_only  (MdkGraphEditor      *self,
                                                      gboolean             read_only);
gboolean             mdk_graph_editor_get_read_only  (MdkGraphEditor      *self);
const MdkNeatGenome *mdk_graph_editor_get_genome     (MdkGraphEditor      *self);
gboolean             mdk_graph_editor_is_modified    (MdkGraphEditor      *self);

gboolean             mdk_graph_editor_undo           (MdkGraphEditor      *self);
gboolean             mdk_graph_editor_redo           (MdkGraphEditor      *self);
gboolean             mdk_graph_editor_can_undo       (MdkGraphEditor      *self);
gboolean             mdk_graph_editor_can_redo       (MdkGraphEditor      *self);

/* View. */
void                 mdk_graph_editor_fit            (MdkGraphEditor      *self);
double               mdk_graph_editor_get_zoom       (MdkGraphEditor      *self);
void                 mdk_graph_editor_set_zoom       (MdkGraphEditor      *self,
                                                      double               zoom);
/* Zooms by @factor keeping the graph point under widget point (x, y) fixed,
 * as the wheel does. */
void                 mdk_graph_editor_zoom_at        (MdkGraphEditor      *self,
                                                      double               factor,
                                                      double               x,
                                                      double               y);
void                 mdk_graph_editor_widget_to_graph (MdkGraphEditor     *self,
                                                      double               x,
                                                      double               y,
                                                      double              *gx,
                                                      double              *gy);
void                 mdk_graph_editor_graph_to_widget (MdkGraphEditor     *self,
                                                      double               gx,
                                                      double               gy,
                                                      double              *x,
                                                      double              *y);
/* Where node @id is drawn, in widget coordinates; FALSE if there is none. */
gboolean             mdk_graph_editor_get_node_position (MdkGraphEditor   *self,
                                                      guint32              id,
                                                      double              *x,
                                                      double              *y);

/* Selection and edits, as the gestures do them. */
void                 mdk_graph_editor_select_node    (MdkGraphEditor      *self,
                                                      guint32              id,
                                                      gboolean             extend);
void                 mdk_graph_editor_select_connection (MdkGraphEditor   *self,
                                                      guint32              innovation,
                                                      gboolean             extend);
void                 mdk_graph_editor_clear_selection (MdkGraphEditor     *self);
guint                mdk_graph_editor_get_n_selected (MdkGraphEditor      *self);
gboolean             mdk_graph_editor_delete_selection (MdkGraphEditor    *self);
gboolean             mdk_graph_editor_connect        (MdkGraphEditor      *self,
                                                      guint32              from_id,
                                                      guint32              to_id);
/* Adds a hidden node at graph point (gx, gy); with @split_innovation not 0
 * the node splits that connection.  Returns the new node's id, 0 when the
 * edit was refused. */
guint32              mdk_graph_editor_add_node_at    (MdkGraphEditor      *self,
                                                      double               gx,
                                                      double               gy,
                                                      MdkActivation        activation,
                                                      guint32              split_innovation);
/* Moves node @id to graph point (gx, gy). */
gboolean             mdk_graph_editor_move_node      (MdkGraphEditor      *self,
                                                      guint32              id,
                                                      double               gx,
                                                      double               gy);
gboolean             mdk_graph_editor_set_weight     (MdkGraphEditor      *self,
                                                      guint32              innovation,
                                                      double               weight);
gboolean             mdk_graph_editor_set_bias       (MdkGraphEditor      *self,
                                                      guint32              node_id,
                                                      double               bias);
gboolean             mdk_graph_editor_take_weights   (MdkGraphEditor      *self,
                                                      const MdkNeatGenome *trained);

/* The hover tooltip's text at widget point (x, y), or NULL. */
char                *mdk_graph_editor_dup_tooltip_at (MdkGraphEditor      *self,
                                                      double               x,
                                                      double               y);

G_END_DECLS
