/* mdk-neat-export.h: a NEAT genome as Graphviz DOT and as standalone C
 *
 * Both are plain text built from the genome alone; writing them to a file is
 * the caller's business (ui/mdk-network-export.h does it for the studio).
 *
 * The C source needs nothing but <math.h> and computes exactly what
 * mdk_network_activate () computes for the decoded genome: the same
 * evaluation order (taken from the decoded MdkNetwork), the same grouping of
 * the sums and the same activation formulas, all in double.  With the default
 * name it defines
 *
 *   void medaka_net (const float *in, float *out);
 *
 * and, when the genome is recurrent, also a state that carries the values
 * from one step to the next:
 *
 *   typedef struct { double v[N]; } medaka_net_state;
 *   void medaka_net_reset (medaka_net_state *state);
 *   void medaka_net_step  (medaka_net_state *state, const float *in, float *out);
 *
 * where medaka_net () then steps one hidden, static state (not thread-safe).
 * MEDAKA_NET_N_INPUTS and MEDAKA_NET_N_OUTPUTS give the array sizes.
 */
#pragma once

#include <glib.h>

#include "mdk-neat-genome.h"

G_BEGIN_DECLS

/* The names may be NULL or shorter than the genome's inputs / outputs; the
 * missing ones are "x1", "x2"… and "y1", "y2"…  Returns a newly allocated
 * string. */
char *mdk_neat_genome_to_dot (const MdkNeatGenome *genome,
                              const char * const  *input_names,
                              const char * const  *output_names);

/* @function_name must be a C identifier (NULL: "medaka_net"); the other
 * names it defines are derived from it. */
char *mdk_neat_genome_to_c   (const MdkNeatGenome *genome,
                              const char          *function_name,
                              const char * const  *input_names,
                              const char * const  *output_names);

G_END_DECLS
