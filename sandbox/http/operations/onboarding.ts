/** Handlers of the Onboarding Integration operations: ClientsImport (#103, #104) and SumsubWebhooks (#105, #106). */
import { accountDto, clientDto, verificationDto } from "../dto.js";
import { respond, type HandlerTable } from "./context.js";

/** What an import answers: the client and the accounts opened for it. */
function imported({ client, accounts }: { client: Parameters<typeof clientDto>[0]; accounts: Parameters<typeof accountDto>[0][] }) {
  return { ...clientDto(client), accounts: accounts.map(accountDto) };
}

/** Onboarding handlers by operationId. */
export const onboardingHandlers: HandlerTable = {
  importIndividualClient: ({ ledger, body }) => respond(ledger.importClient({ ...body, type: "individual" }), imported),

  importCompanyClient: ({ ledger, body }) => respond(ledger.importClient({ ...body, type: "company" }), imported),

  updateSumsubState: ({ ledger, body }) => {
    const review = body.reviewResult;
    return respond(
      ledger.receiveSumsubEvent({
        applicantId: body.applicantId,
        type: body.type,
        ...(body.externalUserId !== undefined && { externalUserId: body.externalUserId }),
        ...(review !== undefined && { review: { answer: review.reviewAnswer, rejectType: review.reviewRejectType, rejectLabels: review.rejectLabels } }),
      }),
      verificationDto,
    );
  },

  simulateVerificationResponse: ({ ledger, body }) =>
    respond(
      ledger.simulateReview({
        ...(body.clientId !== undefined && { clientId: body.clientId }),
        ...(body.applicantId !== undefined && { applicantId: body.applicantId }),
        review: { answer: body.reviewAnswer, rejectType: body.reviewRejectType, rejectLabels: body.rejectLabels },
      }),
      verificationDto,
    ),
};
