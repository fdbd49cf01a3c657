/* mdk-species-list.h: species, their genomes, and a gallery of champions
 *
 * A GtkColumnView of the last generation's species (id, size, best and mean
 * fitness, age, generations since improvement, colour as in the species
 * plot), the genomes of the selected species sorted by fitness, and small
 * drawings of each species' champion.  An algorithm without species (the
 * evolution strategies) lists the whole last generation.  Selecting a
 * genome emits "genome-selected" with it.
 *
 * Signals:
 *   genome-selected (MdkSpeciesList *self, gpointer genome): a genome of
 *     the algorithm of the list's current report (report->klass: an
 *     MdkNeatGenome * for NEAT), owned by that report; valid while it
 *     lives, so copy it to keep it (the next set_report () may drop it).
 */
#pragma once

#include <gtk/gtk.h>

#include "mdk-neat-genome.h"
#include "mdk-report.h"

G_BEGIN_DECLS

#define MDK_TYPE_SPECIES_LIST (mdk_species_list_get_type ())
G_DECLARE_FINAL_TYPE (MdkSpeciesList, mdk_species_list, MDK, SPECIES_LIST, GtkWidget)

GtkWidget *mdk_species_list_new          (void);
/* Reports without details (species == NULL) leave the list as it is;
 * NULL empties it (a new run). */
void       mdk_species_list_set_report   (MdkSpeciesList *self,
                                          MdkReport      *report);
/* While @live (a run going), the genome list follows the reports at most
 * every few seconds, unless the selected species changes: its rows are the
 * studio's most costly widgets, and a fast run changes them faster than
 * anyone reads.  Leaving live mode brings it up to date at once. */
void       mdk_species_list_set_live     (MdkSpeciesList *self,
                                          gboolean        live);
/* The report whose species are shown (borrowed), or NULL. */
MdkReport *mdk_species_list_get_report   (MdkSpeciesList *self);
guint      mdk_species_list_get_n_species (MdkSpeciesList *self);
/* Genomes of the report (the whole last generation). */
guint      mdk_species_list_get_n_genomes (MdkSpeciesList *self);

/* The selected species (0: none); selecting fills the genome list. */
guint32    mdk_species_list_get_selected_species (MdkSpeciesList *self);
gboolean   mdk_species_list_select_species (MdkSpeciesList *self,
                                            guint32         species_id);
/* The genome list, in the order shown (by fitness unless the user sorted
 * by another column). */
guint      mdk_species_list_get_n_listed_genomes (MdkSpeciesList *self);
/* Of the report's algorithm, as "genome-selected" emits them. */
gconstpointer mdk_species_list_get_listed_genome (MdkSpeciesList *self,
                                                  guint           position);

G_END_DECLS
