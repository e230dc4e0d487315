/**
 * The news room's public face for other rooms (its pages, tables, jobs and demo are listed in
 * feature.ts): the newest public news posts.
 */
export { publicPosts } from './service.ts'
