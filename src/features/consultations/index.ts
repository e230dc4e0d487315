/**
 * The consultations room's public face (its pages, API, tables, job and demo are listed in
 * feature.ts). The 調整会議 room may link a meeting to a consultation by its id; the statistics
 * read how many each department was given (numbers only).
 */
export { type Assigned as Consultation, consultationsByDepartment, getConsultation } from './service.ts'
