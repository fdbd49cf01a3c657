/* mdk-neat-innovation.h: shared innovation numbers
 *
 * The same structural mutation made twice in one generation gets the same
 * innovation numbers (Stanley & Miikkulainen 2002, section 3.2), so the
 * tracker remembers this generation's mutations until mdk_neat_innovation_
 * next_generation () forgets them.  The counters themselves only grow.
 *
 * Thread-safe: the graph editor numbers new structure from the UI thread
 * while the run's worker uses the same tracker.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MdkNeatInnovation MdkNeatInnovation;

MdkNeatInnovation *mdk_neat_innovation_new             (guint32            next_innovation,
                                                        guint32            next_node_id);
void               mdk_neat_innovation_free            (MdkNeatInnovation *tracker);
void               mdk_neat_innovation_next_generation (MdkNeatInnovation *tracker);
guint32            mdk_neat_innovation_connection      (MdkNeatInnovation *tracker,
                                                        guint32            in,
                                                        guint32            out);
void               mdk_neat_innovation_split           (MdkNeatInnovation *tracker,
                                                        guint32            split_innovation,
                                                        guint32           *node_id,
                                                        guint32           *in_innovation,
                                                        guint32           *out_innovation);
guint32            mdk_neat_innovation_new_node        (MdkNeatInnovation *tracker);
guint32            mdk_neat_innovation_peek_next       (const MdkNeatInnovation *tracker);
guint32            mdk_neat_innovation_peek_next_node  (const MdkNeatInnovation *tracker);
void               mdk_neat_innovation_reserve         (MdkNeatInnovation *tracker,
                                                        guint32            max_innovation,
                                                        guint32            max_node_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkNeatInnovation, mdk_neat_innovation_free)

G_END_DECLS
