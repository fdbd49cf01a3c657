/* mdk-neat-edit.h: hand edits of a NEAT genome, with undo and redo
 *
 * The data layer of the node-graph editor.  An MdkNeatEdit is a plain value
 * (a tagged struct, no pointers): the view builds one, MdkNeatEditor checks
 * and applies it to its own copy of a genome, and keeps it on an undo stack.
 * Applying fills in what the edit resolved (innovation numbers, node ids, the
 * old values), so the stored edit can be undone and redone exactly.
 *
 * New structure gets its numbers from the run's innovation tracker, as a
 * mutation would (Stanley & Miikkulainen 2002, section 3.2): the same new
 * connection made twice in one generation gets the same innovation, and
 * splitting a gene matches an add-node mutation of that gene, so edited
 * genomes line up with the population at crossover.
 */
#pragma once

#include <glib.h>

#include "mdk-activation.h"
#include "mdk-neat-genome.h"
#include "mdk-neat-innovation.h"

G_BEGIN_DECLS

#define MDK_NEAT_EDIT_ERROR (mdk_neat_edit_error_quark ())

typedef enum
{
  MDK_NEAT_EDIT_ERROR_NO_NODE,        /* the node does not exist */
  MDK_NEAT_EDIT_ERROR_NO_CONNECTION,  /* no connection has that innovation */
  MDK_NEAT_EDIT_ERROR_NOT_ALLOWED,    /* into an input, removing an output… */
  MDK_NEAT_EDIT_ERROR_DUPLICATE,      /* connection, innovation or node id already used */
  MDK_NEAT_EDIT_ERROR_CYCLE,          /* a cycle while recurrence is off */
  MDK_NEAT_EDIT_ERROR_INVALID_VALUE,  /* non-finite weight or bias, unknown activation */
} MdkNeatEditError;

typedef enum
{
  MDK_NEAT_EDIT_ADD_CONNECTION,
  MDK_NEAT_EDIT_REMOVE_CONNECTION,
  MDK_NEAT_EDIT_SET_WEIGHT,
  MDK_NEAT_EDIT_SET_ENABLED,
  MDK_NEAT_EDIT_SPLIT_CONNECTION,
  MDK_NEAT_EDIT_ADD_NODE,
  MDK_NEAT_EDIT_REMOVE_NODE,
  MDK_NEAT_EDIT_SET_BIAS,
  MDK_NEAT_EDIT_SET_ACTIVATION,
  MDK_NEAT_N_EDITS
} MdkNeatEditKind;

/* Fields marked "out" are filled in by mdk_neat_editor_apply (); an
 * innovation or node id of 0 in an "in/out" field means "take it from the
 * tracker" (innovations start at 1 and node 0 is always an input). */
typedef struct
{
  MdkNeatEditKind kind;
  union
  {
    struct
    {
      guint32  in;
      guint32  out;
      double   weight;
      guint32  innovation;      /* in/out */
    } add_connection;
    struct
    {
      guint32     innovation;
      MdkNeatConn removed;      /* out */
    } remove_connection;
    struct
    {
      guint32  innovation;
      double   weight;
      double   old_weight;      /* out */
    } set_weight;
    struct
    {
      guint32  innovation;
      gboolean enabled;
      gboolean old_enabled;     /* out */
    } set_enabled;
    struct
    {
      guint32       innovation; /* the gene split: it gets disabled */
      MdkActivation activation; /* of the new node */
      guint32       node_id;    /* in/out, with the next two */
      guint32       in_innovation;
      guint32       out_innovation;
      MdkNeatConn   split;      /* out: the gene before the split */
    } split_connection;
    struct
    {
      MdkActivation activation;
      double        bias;
      guint32       node_id;    /* in/out */
    } add_node;
    struct
    {
      guint32     node_id;
      MdkNeatNode removed;      /* out; its connections stay in the editor */
      guint       n_removed_conns; /* out */
    } remove_node;
    struct
    {
      guint32  node_id;
      double   bias;
      double   old_bias;        /* out */
    } set_bias;
    struct
    {
      guint32       node_id;
      MdkActivation activation;
      MdkActivation old_activation; /* out */
    } set_activation;
  };
} MdkNeatEdit;

typedef struct _MdkNeatEditor MdkNeatEditor;

GQuark         mdk_neat_edit_error_quark     (void);

/* Builders for the common case, all numbers from the tracker. */
MdkNeatEdit    mdk_neat_edit_add_connection  (guint32              in,
                                              guint32              out,
                                              double               weight);
MdkNeatEdit    mdk_neat_edit_remove_connection (guint32            innovation);
MdkNeatEdit    mdk_neat_edit_set_weight      (guint32              innovation,
                                              double               weight);
MdkNeatEdit    mdk_neat_edit_set_enabled     (guint32              innovation,
                                              gboolean             enabled);
MdkNeatEdit    mdk_neat_edit_split_connection (guint32             innovation,
                                              MdkActivation        activation);
MdkNeatEdit    mdk_neat_edit_add_node        (MdkActivation        activation,
                                              double               bias);
MdkNeatEdit    mdk_neat_edit_remove_node     (guint32              node_id);
MdkNeatEdit    mdk_neat_edit_set_bias        (guint32              node_id,
                                              double               bias);
MdkNeatEdit    mdk_neat_edit_set_activation  (guint32              node_id,
                                              MdkActivation        activation);

MdkNeatEditor *mdk_neat_editor_new           (const MdkNeatGenome *genome,
                                              MdkNeatInnovation   *tracker,
                                              gboolean             allow_recurrent);
void           mdk_neat_editor_free          (MdkNeatEditor       *editor);

const MdkNeatGenome *mdk_neat_editor_get_genome (MdkNeatEditor    *editor);

gboolean       mdk_neat_editor_apply         (MdkNeatEditor       *editor,
                                              MdkNeatEdit         *edit,
                                              GError             **error);
gboolean       mdk_neat_editor_undo          (MdkNeatEditor       *editor);
gboolean       mdk_neat_editor_redo          (MdkNeatEditor       *editor);
gboolean       mdk_neat_editor_can_undo      (MdkNeatEditor       *editor);
gboolean       mdk_neat_editor_can_redo      (MdkNeatEditor       *editor);
guint          mdk_neat_editor_get_n_undo    (MdkNeatEditor       *editor);
guint          mdk_neat_editor_get_n_redo    (MdkNeatEditor       *editor);

/* Edits applied between begin and end undo and redo as one step (deleting
 * a selection, for instance).  Groups do not nest. */
void           mdk_neat_editor_begin_group   (MdkNeatEditor       *editor);
void           mdk_neat_editor_end_group     (MdkNeatEditor       *editor);

int            mdk_neat_editor_take_weights  (MdkNeatEditor       *editor,
                                              const MdkNeatGenome *trained,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkNeatEditor, mdk_neat_editor_free)

G_END_DECLS
