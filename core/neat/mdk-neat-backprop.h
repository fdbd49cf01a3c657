/* mdk-neat-backprop.h: backprop-NEAT, gradient training of NEAT genomes
 *
 * The method of the "backprop NEAT" demo (Ha 2016): NEAT searches the
 * structure while gradient descent on the task's training data tunes each
 * network's weights and biases.  With Lamarckian inheritance the learned
 * values are written back into the genome; with Baldwinian inheritance they
 * only count for its fitness.
 */
#pragma once

#include <glib.h>

#include "mdk-backprop.h"
#include "mdk-neat-genome.h"
#include "mdk-neat-params.h"
#include "mdk-task.h"

G_BEGIN_DECLS

#define MDK_NEAT_BACKPROP_ERROR (mdk_neat_backprop_error_quark ())

typedef enum
{
  MDK_NEAT_BACKPROP_ERROR_NO_DATA,     /* the task has no training data */
  MDK_NEAT_BACKPROP_ERROR_RECURRENT,   /* the network has a loop */
} MdkNeatBackpropError;

GQuark   mdk_neat_backprop_error_quark (void);

void     mdk_neat_backprop_settings   (const MdkNeatParams *params,
                                       guint                steps,
                                       MdkBackpropParams   *settings);
double   mdk_neat_backprop_fitness    (const MdkNeatParams *params,
                                       double               loss,
                                       guint                hidden,
                                       guint                connections);
void     mdk_neat_genome_take_weights (MdkNeatGenome       *genome,
                                       MdkNetwork          *net);
void     mdk_neat_backprop_evaluate   (const MdkNeatParams *params,
                                       MdkNeatGenome       *genome,
                                       MdkNetwork          *net,
                                       const MdkTask       *task,
                                       MdkRng              *rng,
                                       MdkEvalResult       *result);
gboolean mdk_neat_backprop_genome     (MdkNeatGenome       *genome,
                                       const MdkTask       *task,
                                       const MdkNeatParams *params,
                                       guint                steps,
                                       MdkRng              *rng,
                                       double              *loss_before,
                                       double              *loss_after,
                                       GError             **error);

G_END_DECLS
