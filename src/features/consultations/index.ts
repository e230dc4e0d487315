/**
 * The consultations room's public face (its pages, API, tables, job and demo are listed in
 * feature.ts). Other rooms read nothing of it yet; the 調整会議 room may link a meeting to a
 * consultation by its id.
 */
export { type Assigned as Consultation, getConsultation } from './service.ts'
