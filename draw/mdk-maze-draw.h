/* mdk-maze-draw.h: drawing a maze trace (MDK_TRACE_MAZE) with Cairo
 *
 * The map's walls, the goal and its radius, the start with its heading, the
 * robot's path and where it ended, and optionally dots where other robots
 * ended (a generation's behaviour descriptors).  GTK-free: the studio's
 * behaviour view draws with it, and so can medaka-cli.
 */
#pragma once

#include <cairo.h>

#include "mdk-rgba.h"
#include "mdk-trace.h"

G_BEGIN_DECLS

/* Where the map goes in an area: pixel = origin + scale × (map − low). */
typedef struct
{
  double scale;
  double x_low, y_low;        /* the map's top left corner shown */
  double x_origin, y_origin;  /* its place in the area, in pixels */
  double width, height;       /* its size there, in pixels */
} MdkMazeGeometry;

gboolean mdk_maze_trace_is_valid     (const MdkTrace        *trace);
/* The distance from the path's end to the goal; @reached: whether that is
 * within the goal's radius. */
double   mdk_maze_trace_end_distance (const MdkTrace        *trace,
                                      gboolean              *reached);
void     mdk_maze_geometry           (const MdkTrace        *trace,
                                      double                 width,
                                      double                 height,
                                      MdkMazeGeometry       *geometry);
void     mdk_maze_to_pixels          (const MdkMazeGeometry *geometry,
                                      double                 x,
                                      double                 y,
                                      double                *px,
                                      double                *py);
/* @dots: @n_dots behaviour descriptors, @stride numbers apart, whose first
 * two are the final position scaled to [0, 1] by the trace's box (NULL for
 * none). */
void     mdk_maze_draw               (cairo_t               *cr,
                                      const MdkTrace        *trace,
                                      const MdkMazeGeometry *geometry,
                                      const double          *dots,
                                      guint                  n_dots,
                                      guint                  stride,
                                      const MdkRGBA         *fg);

/* Novelty search's archive over the map: @n_points behaviour descriptors,
 * @stride numbers apart, as for mdk_maze_draw ()'s dots. */
void     mdk_maze_draw_archive    (cairo_t               *cr,
                                   const MdkTrace        *trace,
                                   const MdkMazeGeometry *geometry,
                                   const double          *points,
                                   guint                  n_points,
                                   guint                  stride);

G_END_DECLS
