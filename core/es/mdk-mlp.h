/* mdk-mlp.h: the shape of a fixed-topology network (a layered MLP)
 *
 * Evolution strategies search a flat vector of parameters; an MdkMlp says
 * what the vector means: hidden layer sizes and activations, the output
 * layer, biases and an optional Elman layer (the first hidden layer also
 * sees its own outputs of the previous step).  The vector holds, layer by
 * layer, the weights into each unit, then the biases, then the recurrent
 * weights (mdk_network_begin_layers).  Immutable and refcounted: genomes
 * share their optimizer's, across threads.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "mdk-network.h"
#include "mdk-neat-genome.h"

G_BEGIN_DECLS

#define MDK_MLP_ERROR (mdk_mlp_error_quark ())

typedef enum
{
  MDK_MLP_ERROR_INVALID,
} MdkMlpError;

#define MDK_MLP_MAX_LAYERS 16
#define MDK_MLP_MAX_UNITS 100000

typedef struct
{
  guint            n_inputs;
  guint            n_outputs;
  guint            n_layers;     /* hidden layers + the output layer */
  MdkNetworkLayer *layers;
  gsize            n_params;
  guint            n_hidden;
  guint            n_connections;
  gint             ref_count;
} MdkMlp;

GQuark         mdk_mlp_error_quark     (void);

MdkMlp        *mdk_mlp_new             (guint                  n_inputs,
                                        const MdkNetworkLayer *layers,
                                        guint                  n_layers);
MdkMlp        *mdk_mlp_parse           (guint                  n_inputs,
                                        guint                  n_outputs,
                                        const char            *hidden_layers,
                                        const char            *hidden_activations,
                                        MdkActivation          output_activation,
                                        gboolean               biases,
                                        gboolean               recurrent,
                                        GError               **error);
MdkMlp        *mdk_mlp_ref             (MdkMlp                *mlp);
void           mdk_mlp_unref           (MdkMlp                *mlp);
gboolean       mdk_mlp_equal           (const MdkMlp          *a,
                                        const MdkMlp          *b);

void           mdk_mlp_decode          (const MdkMlp          *mlp,
                                        const double          *params,
                                        MdkNetwork            *net);
MdkNeatGenome *mdk_mlp_to_neat_genome  (const MdkMlp          *mlp,
                                        const double          *params);

void           mdk_mlp_add_to_json     (const MdkMlp          *mlp,
                                        JsonBuilder           *builder);
MdkMlp        *mdk_mlp_from_json       (JsonObject            *genome,
                                        GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkMlp, mdk_mlp_unref)

G_END_DECLS
