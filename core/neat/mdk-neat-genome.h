/* mdk-neat-genome.h: a NEAT graph genome
 *
 * Node genes sorted by id: the inputs have ids 0 … n_inputs-1, the bias node
 * n_inputs, the outputs the next n_outputs ids, hidden nodes above.  Because
 * of that layout a node's position in `nodes` is its index in the decoded
 * MdkNetwork.  Connection genes are sorted by innovation number.
 *
 * The struct is readable by anyone (decoders, views, the graph editor); only
 * the functions here change it, so the invariants (sorted, no duplicate
 * connection, endpoints exist, acyclic when recurrence is off) hold.
 */
#pragma once

#include <glib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mdk-activation.h"
#include "mdk-columns.h"
#include "mdk-network.h"
#include "mdk-neat-innovation.h"
#include "mdk-neat-params.h"
#include "mdk-rng.h"

G_BEGIN_DECLS

typedef enum
{
  MDK_NEAT_NODE_INPUT,
  MDK_NEAT_NODE_BIAS,
  MDK_NEAT_NODE_OUTPUT,
  MDK_NEAT_NODE_HIDDEN,
} MdkNeatNodeType;

/* How a genome came to be, for the lineage view. */
typedef enum
{
  MDK_NEAT_ORIGIN_INITIAL,
  MDK_NEAT_ORIGIN_ELITE,
  MDK_NEAT_ORIGIN_MUTATION,
  MDK_NEAT_ORIGIN_CROSSOVER,
  MDK_NEAT_ORIGIN_INTERSPECIES,
  MDK_NEAT_ORIGIN_EDITED,
} MdkNeatOrigin;

/* Which mutations were applied, as bits, for the lineage view. */
typedef enum
{
  MDK_NEAT_MUT_WEIGHTS = 1 << 0,
  MDK_NEAT_MUT_BIAS = 1 << 1,
  MDK_NEAT_MUT_ADD_NODE = 1 << 2,
  MDK_NEAT_MUT_ADD_CONNECTION = 1 << 3,
  MDK_NEAT_MUT_DELETE_CONNECTION = 1 << 4,
  MDK_NEAT_MUT_DELETE_NODE = 1 << 5,
  MDK_NEAT_MUT_TOGGLE_ENABLE = 1 << 6,
  MDK_NEAT_MUT_ACTIVATION = 1 << 7,
} MdkNeatMutation;

typedef struct
{
  guint32 id;
  guint8  type;          /* MdkNeatNodeType */
  guint8  activation;    /* MdkActivation */
  double  bias;
} MdkNeatNode;

typedef struct
{
  guint32 in;
  guint32 out;
  guint32 innovation;
  guint32 enabled;
  double  weight;
} MdkNeatConn;

typedef struct
{
  MdkNeatNode *nodes;
  guint        n_nodes;
  guint        nodes_cap;
  MdkNeatConn *conns;
  guint        n_conns;
  guint        conns_cap;
  guint        n_inputs;
  guint        n_outputs;

  /* Set by the optimizer. */
  double       fitness;
  gboolean     fitness_valid;   /* FALSE until evaluated, or when the task gave NaN/inf */
  guint64      id;
  guint64      parent1;
  guint64      parent2;
  guint32      species_id;
  guint32      birth_generation;
  guint8       origin;          /* MdkNeatOrigin */
  guint8       mutations;       /* MdkNeatMutation bits */
} MdkNeatGenome;

#define MDK_NEAT_GENOME_ERROR (mdk_neat_genome_error_quark ())

typedef enum
{
  MDK_NEAT_GENOME_ERROR_INVALID,
} MdkNeatGenomeError;

GQuark         mdk_neat_genome_error_quark   (void);

MdkNeatGenome *mdk_neat_genome_new           (guint                n_inputs,
                                              guint                n_outputs);
MdkNeatGenome *mdk_neat_genome_new_sized     (guint                n_inputs,
                                              guint                n_outputs,
                                              guint                n_nodes,
                                              guint                n_conns);
MdkNeatGenome *mdk_neat_genome_new_minimal   (guint                n_inputs,
                                              guint                n_outputs,
                                              MdkActivation        output_activation,
                                              double               weight_range,
                                              MdkRng              *rng);
MdkNeatGenome *mdk_neat_genome_copy          (const MdkNeatGenome *genome);
void           mdk_neat_genome_copy_into     (MdkNeatGenome       *dest,
                                              const MdkNeatGenome *src);
void           mdk_neat_genome_free          (MdkNeatGenome       *genome);
gsize          mdk_neat_genome_memory_size   (const MdkNeatGenome *genome);

int            mdk_neat_genome_find_node     (const MdkNeatGenome *genome,
                                              guint32              id);
int            mdk_neat_genome_find_conn     (const MdkNeatGenome *genome,
                                              guint32              in,
                                              guint32              out);
guint          mdk_neat_genome_count_hidden  (const MdkNeatGenome *genome);
guint          mdk_neat_genome_count_enabled (const MdkNeatGenome *genome);
guint32        mdk_neat_genome_max_innovation (const MdkNeatGenome *genome);
guint32        mdk_neat_genome_max_node_id   (const MdkNeatGenome *genome);

/* Low-level edits: they keep the arrays sorted but check nothing else. */
MdkNeatNode   *mdk_neat_genome_insert_node   (MdkNeatGenome       *genome,
                                              guint32              id,
                                              MdkNeatNodeType      type,
                                              MdkActivation        activation,
                                              double               bias);
MdkNeatConn   *mdk_neat_genome_insert_conn   (MdkNeatGenome       *genome,
                                              guint32              in,
                                              guint32              out,
                                              guint32              innovation,
                                              double               weight,
                                              gboolean             enabled);
void           mdk_neat_genome_remove_conn_at (MdkNeatGenome      *genome,
                                              guint                index);
void           mdk_neat_genome_remove_node   (MdkNeatGenome       *genome,
                                              guint32              id);

gboolean       mdk_neat_genome_creates_cycle (const MdkNeatGenome *genome,
                                              guint32              in,
                                              guint32              out);
gboolean       mdk_neat_genome_is_acyclic    (const MdkNeatGenome *genome);

/* Mutations; each returns TRUE if it changed the genome. */
void           mdk_neat_genome_mutate_weights (MdkNeatGenome      *genome,
                                              const MdkNeatParams *params,
                                              MdkRng              *rng);
void           mdk_neat_genome_mutate_biases (MdkNeatGenome       *genome,
                                              const MdkNeatParams *params,
                                              MdkRng              *rng);
gboolean       mdk_neat_genome_mutate_add_connection (MdkNeatGenome *genome,
                                              const MdkNeatParams *params,
                                              MdkNeatInnovation   *tracker,
                                              MdkRng              *rng);
gboolean       mdk_neat_genome_mutate_add_node (MdkNeatGenome     *genome,
                                              const MdkNeatParams *params,
                                              MdkNeatInnovation   *tracker,
                                              MdkRng              *rng);
gboolean       mdk_neat_genome_mutate_delete_connection (MdkNeatGenome *genome,
                                              MdkRng              *rng);
gboolean       mdk_neat_genome_mutate_delete_node (MdkNeatGenome  *genome,
                                              MdkRng              *rng);
gboolean       mdk_neat_genome_mutate_toggle_enable (MdkNeatGenome *genome,
                                              const MdkNeatParams *params,
                                              MdkRng              *rng);
gboolean       mdk_neat_genome_mutate_activation (MdkNeatGenome   *genome,
                                              MdkRng              *rng);
void           mdk_neat_genome_mutate        (MdkNeatGenome       *genome,
                                              const MdkNeatParams *params,
                                              MdkNeatInnovation   *tracker,
                                              MdkRng              *rng);

MdkNeatGenome *mdk_neat_genome_crossover     (const MdkNeatGenome *a,
                                              const MdkNeatGenome *b,
                                              const MdkNeatParams *params,
                                              MdkRng              *rng);
void           mdk_neat_genome_crossover_into (MdkNeatGenome      *child,
                                              const MdkNeatGenome *a,
                                              const MdkNeatGenome *b,
                                              const MdkNeatParams *params,
                                              MdkRng              *rng);
double         mdk_neat_genome_distance      (const MdkNeatGenome *a,
                                              const MdkNeatGenome *b,
                                              const MdkNeatParams *params);

guint64        mdk_neat_genome_innovation_mask (const MdkNeatGenome *g);
gboolean       mdk_neat_genome_compatible    (const MdkNeatGenome *a,
                                              const MdkNeatGenome *b,
                                              guint64              mask_a,
                                              guint64              mask_b,
                                              const MdkNeatParams *params,
                                              double               threshold);

void           mdk_neat_genome_decode        (const MdkNeatGenome *genome,
                                              MdkNetwork          *net);
void           mdk_neat_genome_pack_network  (const MdkNeatGenome *genome,
                                              GByteArray          *out);
MdkNeatGenome *mdk_neat_genome_unpack_network (guint               n_inputs,
                                              guint                n_outputs,
                                              MdkByteReader       *in);
gboolean       mdk_neat_genome_validate      (const MdkNeatGenome *genome,
                                              gboolean             allow_recurrent,
                                              GError             **error);

JsonNode      *mdk_neat_genome_to_json       (const MdkNeatGenome *genome,
                                              const char * const  *input_names,
                                              const char * const  *output_names);
MdkNeatGenome *mdk_neat_genome_from_json     (JsonNode            *node,
                                              GError             **error);
/* A genome file (a genome or champion document), id cleared; errors name
 * the line and column or the member.  Not checked against any task. */
MdkNeatGenome *mdk_neat_genome_from_document (const char          *data,
                                              gsize                length,
                                              GError             **error);
MdkNeatGenome *mdk_neat_genome_load          (GFile               *file,
                                              GError             **error);

const char    *mdk_neat_node_type_to_id      (MdkNeatNodeType      type);
const char    *mdk_neat_origin_to_id         (MdkNeatOrigin        origin);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkNeatGenome, mdk_neat_genome_free)

G_END_DECLS
