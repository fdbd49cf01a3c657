/* mdk-genome-compare.h: two NEAT genomes side by side, genes aligned
 *
 * What crossover and speciation see: the connection genes of both genomes
 * merged on their innovation numbers, each row marked matching, disjoint or
 * excess (Stanley & Miikkulainen 2002, figure 4), with the compatibility
 * distance δ = c1·E/N + c2·D/N + c3·W̄ (equation 1) and its parts, and a
 * drawing of each network.
 */
#pragma once

#include <gtk/gtk.h>

#include "mdk-neat-genome.h"
#include "mdk-neat-params.h"

G_BEGIN_DECLS

#define MDK_TYPE_GENOME_COMPARE (mdk_genome_compare_get_type ())
G_DECLARE_FINAL_TYPE (MdkGenomeCompare, mdk_genome_compare, MDK, GENOME_COMPARE, GtkWidget)

GtkWidget *mdk_genome_compare_new            (void);
/* Copies both genomes; @params gives c1, c2, c3 and the normalisation size
 * (NULL: the defaults).  Both genomes NULL clears the view. */
void       mdk_genome_compare_set_genomes    (MdkGenomeCompare    *self,
                                              const MdkNeatGenome *a,
                                              const char          *label_a,
                                              const MdkNeatGenome *b,
                                              const char          *label_b,
                                              const MdkNeatParams *params);
guint      mdk_genome_compare_get_n_matching (MdkGenomeCompare    *self);
guint      mdk_genome_compare_get_n_disjoint (MdkGenomeCompare    *self);
guint      mdk_genome_compare_get_n_excess   (MdkGenomeCompare    *self);
double     mdk_genome_compare_get_distance   (MdkGenomeCompare    *self);

G_END_DECLS
