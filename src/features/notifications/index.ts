/**
 * Notifications as a service every room uses: `notify(ctx, userIds, …)` writes the in-app
 * notification and mails it. Who to tell: department staff, coordinators. The page
 * /notifications and the digest job are listed in feature.ts.
 */
export { coordinatorIds, departmentStaffIds, mailAddress, notify, notifyFollowersNow } from './service.ts'
