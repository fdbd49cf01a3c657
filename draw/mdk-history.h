/* mdk-history.h: the run's history as the plots read it
 *
 * Lives in the UI thread.  MdkSession appends the rows of each report and the
 * species sizes of each generation; plots listen to ::changed and redraw from
 * their own prepared (decimated) copy.
 */
#pragma once

#include <glib-object.h>

#include "mdk-rgba.h"

#include "mdk-run.h"

G_BEGIN_DECLS

#define MDK_TYPE_HISTORY (mdk_history_get_type ())
G_DECLARE_FINAL_TYPE (MdkHistory, mdk_history, MDK, HISTORY, GObject)

MdkHistory               *mdk_history_new                 (void);
/* The rows and species samples, for a job in another thread (the
 * distributions stay behind). */
MdkHistory               *mdk_history_copy                (MdkHistory               *self);
void                      mdk_history_clear               (MdkHistory               *self);
void                      mdk_history_append              (MdkHistory               *self,
                                                           const MdkGenerationStats *rows,
                                                           guint                     n_rows);
/* All of @run's rows and species sizes, e.g. of a loaded project. */
void                      mdk_history_append_run          (MdkHistory               *self,
                                                           const MdkRun             *run);
void                      mdk_history_set_species         (MdkHistory               *self,
                                                           guint                     generation,
                                                           const MdkSpeciesSample   *samples,
                                                           guint                     n_samples);
guint                     mdk_history_get_length          (MdkHistory               *self);
const MdkGenerationStats *mdk_history_get_row             (MdkHistory               *self,
                                                           guint                     generation);
GArray                   *mdk_history_get_rows            (MdkHistory               *self);
/* Species samples of a generation (NULL and 0 when not recorded: species are
 * recorded when a report carries details, so some generations may miss). */
const MdkSpeciesSample   *mdk_history_get_species         (MdkHistory               *self,
                                                           guint                     generation,
                                                           guint                    *n_samples);
/* The per-genome values of one generation, for histograms and rank plots;
 * kept for the most recent generations that carried details. */
void                      mdk_history_set_distribution    (MdkHistory               *self,
                                                           guint                     generation,
                                                           const double             *fitness,
                                                           const double             *hidden,
                                                           const double             *connections,
                                                           guint                     n);
gboolean                  mdk_history_get_distribution    (MdkHistory               *self,
                                                           guint                     generation,
                                                           const double            **fitness,
                                                           const double            **hidden,
                                                           const double            **connections,
                                                           guint                    *n);
/* A stable colour per species id, shared by the species plot and list. */
void                      mdk_history_species_color       (guint32                   species_id,
                                                           MdkRGBA                  *color);

G_END_DECLS
