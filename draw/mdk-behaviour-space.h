/* mdk-behaviour-space.h: where behaviours lie, drawn with Cairo
 *
 * The square of the task's first two behaviour numbers (each in [0, 1]):
 * MAP-Elites' map of elites coloured by fitness, novelty search's archive
 * and the last generation's behaviours as dots.  The studio's view and the
 * exports (medaka-cli export, Export All) draw through it, so the screen
 * and the files look alike.
 */
#pragma once

#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "mdk-elite-map.h"
#include "mdk-rgba.h"

G_BEGIN_DECLS

/* Size of an exported drawing when there is no widget to take it from. */
#define MDK_BEHAVIOUR_SPACE_EXPORT_WIDTH  1000
#define MDK_BEHAVIOUR_SPACE_EXPORT_HEIGHT 800

typedef struct _MdkBehaviourSpace MdkBehaviourSpace;

MdkBehaviourSpace *mdk_behaviour_space_new            (void);
void               mdk_behaviour_space_free           (MdkBehaviourSpace          *self);

/* Each takes a reference (NULL: none).  @points hold @dims doubles per
 * behaviour; only the first two are drawn. */
void               mdk_behaviour_space_set_map        (MdkBehaviourSpace          *self,
                                                       MdkEliteMap                *map);
void               mdk_behaviour_space_set_archive    (MdkBehaviourSpace          *self,
                                                       GArray                     *points,
                                                       guint                       dims);
void               mdk_behaviour_space_set_population (MdkBehaviourSpace          *self,
                                                       GArray                     *points,
                                                       guint                       dims);
/* @background NULL leaves the surface transparent. */
void               mdk_behaviour_space_set_colors     (MdkBehaviourSpace          *self,
                                                       const MdkRGBA              *foreground,
                                                       const MdkRGBA              *background);
void               mdk_behaviour_space_set_font       (MdkBehaviourSpace          *self,
                                                       const PangoFontDescription *font);

gboolean           mdk_behaviour_space_has_data       (MdkBehaviourSpace          *self);
guint              mdk_behaviour_space_get_n_archive  (MdkBehaviourSpace          *self);
guint              mdk_behaviour_space_get_n_population (MdkBehaviourSpace        *self);
MdkEliteMap       *mdk_behaviour_space_get_map        (MdkBehaviourSpace          *self);
GArray            *mdk_behaviour_space_get_archive    (MdkBehaviourSpace          *self,
                                                       guint                      *dims);

void               mdk_behaviour_space_draw           (MdkBehaviourSpace          *self,
                                                       cairo_t                    *cr,
                                                       int                         width,
                                                       int                         height);
/* The map's cells and the dots, one per line: kind ("cell", "archive",
 * "population"), x, y (a cell's lower corner) and fitness (cells only). */
char              *mdk_behaviour_space_to_csv         (MdkBehaviourSpace          *self);
/* "svg", "pdf", "png" (dark ink on white paper) or "csv". */
gboolean           mdk_behaviour_space_write          (MdkBehaviourSpace          *self,
                                                       GFile                      *file,
                                                       const char                 *format,
                                                       int                         width,
                                                       int                         height,
                                                       GError                    **error);

/* The novelty archive's mark, the same in every view: a small purple square
 * at (@x, @y), added to the path; then fill it with the archive's colour. */
void               mdk_behaviour_space_add_archive_mark (cairo_t              *cr,
                                                       double                      x,
                                                       double                      y);
void               mdk_behaviour_space_fill_archive   (cairo_t                    *cr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkBehaviourSpace, mdk_behaviour_space_free)

G_END_DECLS
